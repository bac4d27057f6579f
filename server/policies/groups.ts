/**
 * Who may see or do what with a group. Pure functions of the viewer's role and the group's
 * facts; services ask them through the one gate (server/access), and list queries agree
 * with them (tested).
 */
import { definePolicy, isInGroup, isMember, isOutsider, isStaff, isSteward } from './predicates';

export const groupPolicy = definePolicy()({
  /**
   * Open and closed groups are public; invite-only groups exist only for their members and
   * for whoever holds an invitation to them.
   */
  view: (role, group) =>
    group.visibility !== 'invite_only' || isInGroup(role) || group.invited === true,
  /** Who is in a group is for its members alone. */
  seeMembers: (role) => isMember(role),
  /** Anyone signed in may join an open group; closed and invite-only groups need more. */
  join: (role, group) => isOutsider(role) && group.visibility === 'open',
  /** Closed groups take applications from anyone signed in who is not a member. */
  apply: (role, group) => isOutsider(role) && group.visibility === 'closed',
  /** Accepting an invitation: anyone signed in who is not already a member. */
  acceptInvite: (role) => isOutsider(role),
  /** Leaving a waitlist, claiming a seat offered from it: whoever is on it, not a member. */
  wait: (role) => isOutsider(role),
  /** Stewards change the group's profile, joining questions, cap and plan. */
  edit: (role) => isSteward(role),
  reviewApplications: (role) => isSteward(role),
  invite: (role) => isSteward(role),
  manageInvites: (role) => isSteward(role),
  leave: (role) => isMember(role),
  /** Closing the group: a steward, once they are its only member (the service checks). */
  close: (role) => isSteward(role),
  removeMember: (role) => isSteward(role),
  makeSteward: (role) => isSteward(role),
  /** Stewards end someone's staff role; the person may step away from it themselves. */
  removeStaff: (role) => isSteward(role),
  stepAway: (role) => isStaff(role),
  /** A group's history and life are its members'. */
  seeLife: (role) => isMember(role),
  /** So is its record of who did what. */
  seeRecord: (role) => isMember(role),
  /** Members may download what they themselves put into the group. */
  exportOwn: (role) => isMember(role),
});

export type GroupAction = keyof typeof groupPolicy;

export const groupRefusals: Record<GroupAction, string> = {
  view: 'We could not find that group.',
  seeMembers: 'Only members of this group can see who is in it.',
  join: 'You cannot join this group directly.',
  apply: 'This group does not take applications.',
  acceptInvite: 'You are already a member of this group.',
  wait: 'You are already a member of this group.',
  edit: 'Only the group’s stewards can change its details.',
  reviewApplications: 'Only the group’s stewards can review applications.',
  invite: 'Only the group’s stewards can invite people.',
  manageInvites: 'Only the group’s stewards can see and revoke invitations.',
  leave: 'You are not a member of this group.',
  close: 'Only the group’s stewards can close it.',
  removeMember: 'Only the group’s stewards can remove members.',
  makeSteward: 'Only the group’s stewards can change roles.',
  removeStaff: 'Only the group’s stewards can change roles.',
  stepAway: 'You do not have a staff role in this group.',
  seeLife: 'Only members of this group can see its history.',
  seeRecord: 'Only members of this group can see its record.',
  exportOwn: 'Only members of this group can export from it.',
};

/** Anyone signed in may start a group. */
export function canCreateGroup(viewerId: string | null): boolean {
  return viewerId !== null;
}
