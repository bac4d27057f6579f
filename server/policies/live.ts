/**
 * Who may be in a meeting's live session: members of its group, and an observer from outside
 * it invited to that one meeting, while the group has not adjourned. Checked at the upgrade
 * and again whenever the group changes, so access that ends closes the socket
 * (server/live/node.ts).
 */
import type { MeetingFacts } from './meetings';
import { definePolicy, isMember, isSteward } from './predicates';

export const livePolicy = definePolicy<MeetingFacts>()({
  enter: (role, group) =>
    (isMember(role) || group.observes === true) && group.stage !== 'adjourned',
  /** The observer's notes and the session's timeline: members, and the meeting's guest observer. */
  observe: (role, group) => isMember(role) || group.observes === true,
  /** How time was shared, and the reflections shared with the group: members, always. */
  review: (role) => isMember(role),
  /** A check-out reflection on a session one was at. */
  reflect: (role, group) => isMember(role) && group.stage !== 'adjourned',
  /**
   * Recordings of a session's call: members see them all; an observer from outside the group
   * sees (and may erase, or upload) only their own track.
   */
  recordings: (role, group) => isMember(role) || group.observes === true,
  /** Download recordings: members only, always (even after the group adjourns). */
  download: (role) => isMember(role),
  /** Change the group's codebook for observer notes. */
  editCodebook: (role, group) => isSteward(role) && group.stage !== 'adjourned',
});

export type LiveAction = keyof typeof livePolicy;

export const liveRefusals: Record<LiveAction, string> = {
  enter: 'Only members of this group can join its live sessions.',
  observe: 'Only members of this group and the meeting’s observer can see its notes.',
  review: 'Only members of this group can see how its sessions went.',
  reflect: 'Only members of this group can add a reflection on its sessions.',
  editCodebook: 'Only the group’s stewards can change its codebook.',
  recordings: 'Only members of this group can see its recordings.',
  download: 'Only members of this group can download its recordings.',
};
