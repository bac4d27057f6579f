/**
 * The shared pieces every policy is made of: who the viewer is to a group, and the facts
 * about the group itself that rules depend on.
 */
import type { Stage } from '../../core/domain/lifecycle';
import {
  type Role,
  STAFF_ROLES,
  type StaffRole,
  type Visibility,
} from '../../core/domain/membership';

/** Who the viewer is to a group: a peer (member, steward), staff, or nobody in it. */
export type GroupViewerRole = 'signed_out' | 'non_member' | StaffRole | 'member' | 'steward';

export const GROUP_VIEWER_ROLES: readonly GroupViewerRole[] = [
  'signed_out',
  'non_member',
  ...STAFF_ROLES,
  'member',
  'steward',
];

export function groupViewerRole(
  viewerId: string | null,
  membership: Role | null,
  staff: StaffRole | null = null,
): GroupViewerRole {
  if (viewerId === null) return 'signed_out';
  return membership ?? staff ?? 'non_member';
}

/** Members and stewards: the people in the group. */
export const isMember = (role: GroupViewerRole) => role === 'member' || role === 'steward';
export const isSteward = (role: GroupViewerRole) => role === 'steward';
/** An external facilitator, coordinator or observer: works with the group, not one of it. */
export const isStaff = (role: GroupViewerRole): boolean =>
  (STAFF_ROLES as readonly string[]).includes(role);
/** Everyone the group knows: its peers and its staff. */
export const isInGroup = (role: GroupViewerRole) => isMember(role) || isStaff(role);
/** Signed in and not in the group. */
export const isOutsider = (role: GroupViewerRole) => role === 'non_member';

/** What every rule may know about the group. */
export interface GroupFacts {
  visibility: Visibility;
  stage: Stage;
  /** The viewer holds a valid invitation to the group: it lets them see what it is. */
  invited?: boolean;
}

/** A rule: whether a viewer with this role may act, given the group and any other facts. */
export type Rule<F> = (role: GroupViewerRole, facts: GroupFacts & F) => boolean;

/**
 * Declares a resource's policy: one rule per action, all taking the same facts, so the gate
 * can tell which facts an action needs. `definePolicy<ProposalFacts>()({ ... })`.
 */
export function definePolicy<F = Record<never, never>>() {
  return <const K extends string>(rules: Record<K, Rule<F>>): Record<K, Rule<F>> => rules;
}
