/**
 * The one access gate. Every use case that touches a group asks `requireGroupAccess` (or,
 * with facts it learns later, `authorize` on the access it got): the group is read once
 * (from the cache while fresh), the viewer's role in it worked out, and the action decided
 * by its resource's policy (server/policies). A group the viewer may not see is reported
 * as missing (404), so invite-only groups cannot be found by guessing; a group they can see
 * but may not act on is 403.
 */
import { AppError } from '../../core/errors';
import { loadGroupSnapshot } from '../cache/groupSnapshot';
import type { GroupSnapshot } from '../cache/readCache';
import type { GroupForViewer } from '../db/queries/groups';
import type { Deps } from '../deps';
import { type Action, type ExtraFacts, POLICIES, REFUSALS } from '../policies';
import { type GroupViewerRole, groupViewerRole } from '../policies/predicates';
import type { Viewer } from './viewer';

export interface GroupAccess {
  viewer: Viewer | null;
  /** The group as this viewer sees it, with its counts and their role. */
  group: Readonly<GroupForViewer>;
  role: GroupViewerRole;
  /** The viewer came with a valid invitation to this group. */
  invited: boolean;
  snapshot: GroupSnapshot;
}

/** Facts beyond the group that a rule may use; each absent fact counts as "no". */
type FactsArg<A extends Action> = [facts?: ExtraFacts<A>];

const notFound = () => new AppError('not_found', 'We could not find that group.');

type AnyRule = (role: GroupViewerRole, facts: object) => boolean;

/** Every rule by its action's name, looked up once per check (it runs on every request). */
const RULES = new Map<string, AnyRule>(
  Object.entries(POLICIES).flatMap(([resource, policy]) =>
    Object.entries(policy as Record<string, AnyRule>).map(
      ([name, rule]) => [`${resource}.${name}`, rule] as const,
    ),
  ),
);

/** Whether the policy lets this viewer take the action. */
export function allows<A extends Action>(
  access: Pick<GroupAccess, 'group' | 'role'> & { invited?: boolean },
  action: A,
  ...facts: FactsArg<A>
): boolean {
  const rule = RULES.get(action);
  if (!rule) throw new Error(`no policy for ${action}`);
  const group = {
    visibility: access.group.visibility,
    stage: access.group.stage,
    invited: access.invited === true,
  };
  return rule(access.role, facts[0] ? { ...group, ...facts[0] } : group);
}

/** Throws `forbidden` (with the policy's sentence) unless the viewer may take the action. */
export function authorize<A extends Action>(
  access: Pick<GroupAccess, 'group' | 'role'> & { invited?: boolean },
  action: A,
  ...facts: FactsArg<A>
): void {
  if (allows(access, action, ...facts)) return;
  const [resource, name] = action.split('.') as [keyof typeof POLICIES, string];
  throw new AppError('forbidden', REFUSALS[resource][name] ?? 'You cannot do that here.');
}

/**
 * Reads the group as the viewer may see it; not_found when they may not see it at all.
 * `invited` says the viewer holds a valid invitation (checked by the caller). Answers
 * without a promise when the group is cached (most reads); await it either way.
 */
export function groupAccess(
  deps: Deps,
  viewer: Viewer | null,
  groupId: string,
  context: { invited?: boolean } = {},
): GroupAccess | Promise<GroupAccess> {
  const loaded = loadGroupSnapshot(deps, groupId);
  return loaded instanceof Promise
    ? loaded.then((snapshot) => accessTo(snapshot, viewer, context))
    : accessTo(loaded, viewer, context);
}

function accessTo(
  snapshot: GroupSnapshot | undefined,
  viewer: Viewer | null,
  context: { invited?: boolean },
): GroupAccess {
  if (!snapshot) throw notFound();
  const viewerId = viewer?.userId ?? null;
  const myRole = (viewerId && snapshot.members.find((m) => m.user_id === viewerId)?.role) || null;
  const staffRole =
    (!myRole && viewerId && snapshot.staff.find((s) => s.user_id === viewerId)?.role) || null;
  const role = groupViewerRole(viewerId, myRole, staffRole);
  let group = snapshot.rows.get(myRole ?? '');
  if (!group) {
    group = Object.freeze({
      ...snapshot.group,
      member_count: snapshot.members.length,
      waitlist_length: snapshot.waitlistLength,
      next_meeting_at: snapshot.nextMeetingAt,
      my_role: myRole,
    });
    snapshot.rows.set(myRole ?? '', group);
  }
  const access = { viewer, group, role, invited: context.invited === true, snapshot };
  if (!allows(access, 'group.view')) throw notFound();
  return access;
}

/**
 * The gate for something that lives in a group (a meeting, a decision): a group the viewer
 * may not see makes the thing itself missing, with `missing`'s words.
 */
export async function requireAccessWithin<A extends Action>(
  deps: Deps,
  viewer: Viewer | null,
  groupId: string,
  action: A,
  missing: () => AppError,
): Promise<GroupAccess> {
  try {
    return await requireGroupAccess(deps, viewer, groupId, action);
  } catch (error) {
    throw error instanceof AppError && error.code === 'not_found' ? missing() : error;
  }
}

/** Reads the group and decides the action: the gate every use case goes through. */
export async function requireGroupAccess<A extends Action>(
  deps: Deps,
  viewer: Viewer | null,
  groupId: string,
  action: A,
  ...facts: FactsArg<A>
): Promise<GroupAccess> {
  const access = await groupAccess(deps, viewer, groupId);
  authorize(access, action, ...facts);
  return access;
}
