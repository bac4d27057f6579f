/**
 * Who may see or do what with a group. Pure functions of the viewer's role and the group's
 * visibility; services call them, and list queries agree with them (tested).
 */
import type { Role, Visibility } from '../../core/domain/membership';

export type GroupViewerRole = 'signed_out' | 'non_member' | 'member' | 'steward';

export const GROUP_VIEWER_ROLES: readonly GroupViewerRole[] = [
  'signed_out',
  'non_member',
  'member',
  'steward',
];

export function groupViewerRole(viewerId: string | null, membership: Role | null): GroupViewerRole {
  if (viewerId === null) return 'signed_out';
  return membership ?? 'non_member';
}

const isMember = (role: GroupViewerRole) => role === 'member' || role === 'steward';

export interface GroupFacts {
  visibility: Visibility;
}

export const groupPolicy = {
  /** Open and closed groups are public; invite-only groups exist only for their members. */
  view: (role: GroupViewerRole, group: GroupFacts) =>
    group.visibility !== 'invite_only' || isMember(role),
  /** Who is in a group is for its members alone. */
  seeMembers: (role: GroupViewerRole, _group: GroupFacts) => isMember(role),
  /** Anyone signed in may join an open group; closed and invite-only groups need an invitation. */
  join: (role: GroupViewerRole, group: GroupFacts) =>
    role === 'non_member' && group.visibility === 'open',
  /** Accepting an invitation: anyone signed in who is not already a member. */
  /** Closed groups take applications from anyone signed in who is not a member. */
  apply: (role: GroupViewerRole, group: GroupFacts) =>
    role === 'non_member' && group.visibility === 'closed',
  acceptInvite: (role: GroupViewerRole, _group: GroupFacts) => role === 'non_member',
  /** Stewards change the group's profile, joining questions, cap and plan. */
  edit: (role: GroupViewerRole, _group: GroupFacts) => role === 'steward',
  reviewApplications: (role: GroupViewerRole, _group: GroupFacts) => role === 'steward',
  invite: (role: GroupViewerRole, _group: GroupFacts) => role === 'steward',
  manageInvites: (role: GroupViewerRole, _group: GroupFacts) => role === 'steward',
  leave: (role: GroupViewerRole, _group: GroupFacts) => isMember(role),
  removeMember: (role: GroupViewerRole, _group: GroupFacts) => role === 'steward',
  makeSteward: (role: GroupViewerRole, _group: GroupFacts) => role === 'steward',
} as const;

export type GroupAction = keyof typeof groupPolicy;

/** Anyone signed in may start a group. */
export function canCreateGroup(viewerId: string | null): boolean {
  return viewerId !== null;
}
