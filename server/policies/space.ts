/**
 * Who may read and write in a group's space. Members and stewards use both spaces; an external
 * facilitator or coordinator reads and writes in the `everyone` space; an observer only reads
 * it; nobody in a staff role, and no administrator, ever reads the members-only (`peers`)
 * space. The same rule in SQL is `spaceAccess` (server/db/queries/space.ts); a test holds the
 * two together.
 */
import type { SpaceName } from '../../core/domain/space';
import {
  definePolicy,
  type GroupViewerRole,
  isInGroup,
  isMember,
  isStaff,
  isSteward,
} from './predicates';

export interface SpaceFacts {
  space?: SpaceName;
  /** The viewer wrote the post. */
  author?: boolean;
  /** The viewer started the thread. */
  asker?: boolean;
}

const reads = (role: GroupViewerRole, space: SpaceName | undefined) =>
  isMember(role) || (isStaff(role) && space === 'everyone');

const writes = (role: GroupViewerRole, space: SpaceName | undefined) =>
  isMember(role) || ((role === 'facilitator' || role === 'coordinator') && space === 'everyone');

export const spacePolicy = definePolicy<SpaceFacts>()({
  read: (role, f) => reads(role, f.space),
  /** Start a thread, reply, send a warm response. */
  write: (role, f) => writes(role, f.space),
  /** Change or delete one's own post, see its history, ask for a second look. */
  editOwn: (role, f) => f.author === true && reads(role, f.space),
  /** The asker marks the replies that helped. */
  markHelped: (role, f) => f.asker === true && reads(role, f.space),
  report: (role, f) => reads(role, f.space),
  /** See reports, hide a post with a note, show it again. */
  moderate: (role) => isSteward(role),
  /** Add to the group's language suggestions. */
  manageLanguage: (role) => isSteward(role),
  /** See the space's unread counts and the list of spaces. */
  visit: (role) => isInGroup(role),
});

export type SpaceAction = keyof typeof spacePolicy;

export const spaceRefusals: Record<SpaceAction, string> = {
  read: 'We could not find that thread.',
  write: 'You can read this space but not write in it.',
  editOwn: 'Only the person who wrote this can change it.',
  markHelped: 'Only the person who asked can mark what helped.',
  report: 'We could not find that post.',
  moderate: 'Only the group’s stewards can look at reports.',
  manageLanguage: 'Only the group’s stewards can change the language suggestions.',
  visit: 'Only people in this group can see its space.',
};
