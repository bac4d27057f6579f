import { describe, expect, it } from 'vitest';
import { STAGES } from '../../core/domain/lifecycle';
import { VISIBILITIES, type Visibility } from '../../core/domain/membership';
import { canCreateGroup, type GroupAction, groupPolicy } from './groups';
import { GROUP_VIEWER_ROLES, type GroupViewerRole, groupViewerRole } from './predicates';

/**
 * The whole table: for each action, the roles allowed per visibility (in any stage: stages
 * are the write path's business). Every role × action × visibility is checked, so adding an
 * action without deciding it here fails the test.
 */
const allowed: Record<GroupAction, Record<Visibility, GroupViewerRole[]>> = {
  view: {
    open: [
      'signed_out',
      'non_member',
      'observer',
      'coordinator',
      'facilitator',
      'member',
      'steward',
    ],
    closed: [
      'signed_out',
      'non_member',
      'observer',
      'coordinator',
      'facilitator',
      'member',
      'steward',
    ],
    invite_only: ['observer', 'coordinator', 'facilitator', 'member', 'steward'],
  },
  seeMembers: {
    open: ['member', 'steward'],
    closed: ['member', 'steward'],
    invite_only: ['member', 'steward'],
  },
  join: { open: ['non_member'], closed: [], invite_only: [] },
  apply: { open: [], closed: ['non_member'], invite_only: [] },
  edit: { open: ['steward'], closed: ['steward'], invite_only: ['steward'] },
  reviewApplications: { open: ['steward'], closed: ['steward'], invite_only: ['steward'] },
  acceptInvite: { open: ['non_member'], closed: ['non_member'], invite_only: ['non_member'] },
  wait: { open: ['non_member'], closed: ['non_member'], invite_only: ['non_member'] },
  invite: { open: ['steward'], closed: ['steward'], invite_only: ['steward'] },
  manageInvites: { open: ['steward'], closed: ['steward'], invite_only: ['steward'] },
  leave: {
    open: ['member', 'steward'],
    closed: ['member', 'steward'],
    invite_only: ['member', 'steward'],
  },
  close: { open: ['steward'], closed: ['steward'], invite_only: ['steward'] },
  removeMember: { open: ['steward'], closed: ['steward'], invite_only: ['steward'] },
  makeSteward: { open: ['steward'], closed: ['steward'], invite_only: ['steward'] },
  removeStaff: { open: ['steward'], closed: ['steward'], invite_only: ['steward'] },
  stepAway: {
    open: ['observer', 'coordinator', 'facilitator'],
    closed: ['observer', 'coordinator', 'facilitator'],
    invite_only: ['observer', 'coordinator', 'facilitator'],
  },
  seeLife: {
    open: ['member', 'steward'],
    closed: ['member', 'steward'],
    invite_only: ['member', 'steward'],
  },
  seeRecord: {
    open: ['member', 'steward'],
    closed: ['member', 'steward'],
    invite_only: ['member', 'steward'],
  },
  exportOwn: {
    open: ['member', 'steward'],
    closed: ['member', 'steward'],
    invite_only: ['member', 'steward'],
  },
};

describe('group policy', () => {
  it('decides every action in the table', () => {
    expect(Object.keys(allowed).sort()).toEqual(Object.keys(groupPolicy).sort());
  });

  for (const action of Object.keys(groupPolicy) as GroupAction[]) {
    for (const visibility of VISIBILITIES) {
      for (const role of GROUP_VIEWER_ROLES) {
        const expected = allowed[action][visibility].includes(role);
        it(`${expected ? 'lets' : 'stops'} ${role} ${action} in a ${visibility} group`, () => {
          for (const stage of STAGES) {
            expect(groupPolicy[action](role, { visibility, stage })).toBe(expected);
          }
        });
      }
    }
  }

  it('lets whoever holds an invitation see an invite-only group', () => {
    const group = { visibility: 'invite_only', stage: 'active', invited: true } as const;
    expect(groupPolicy.view('non_member', group)).toBe(true);
    expect(groupPolicy.view('signed_out', group)).toBe(true);
    expect(groupPolicy.seeMembers('non_member', group)).toBe(false);
  });

  it('lets only signed-in people create groups', () => {
    expect(canCreateGroup(null)).toBe(false);
    expect(canCreateGroup('u1')).toBe(true);
  });

  it('derives the viewer role from sign-in and membership', () => {
    expect(groupViewerRole(null, null)).toBe('signed_out');
    expect(groupViewerRole('u', null)).toBe('non_member');
    expect(groupViewerRole('u', 'member')).toBe('member');
    expect(groupViewerRole('u', 'steward')).toBe('steward');
  });
});
