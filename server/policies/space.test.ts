import { describe, expect, it } from 'vitest';
import { STAGES } from '../../core/domain/lifecycle';
import { SPACES, type SpaceName } from '../../core/domain/space';
import { GROUP_VIEWER_ROLES, type GroupViewerRole } from './predicates';
import { type SpaceAction, type SpaceFacts, spacePolicy } from './space';

const PEERS: GroupViewerRole[] = ['member', 'steward'];
const ALL_IN: GroupViewerRole[] = ['observer', 'coordinator', 'facilitator', 'member', 'steward'];

/** For each action and space, who may (with the facts that action needs set true). */
const allowed: Record<SpaceAction, Record<SpaceName, GroupViewerRole[]>> = {
  read: { everyone: ALL_IN, peers: PEERS },
  write: { everyone: ['coordinator', 'facilitator', ...PEERS], peers: PEERS },
  editOwn: { everyone: ALL_IN, peers: PEERS },
  markHelped: { everyone: ALL_IN, peers: PEERS },
  report: { everyone: ALL_IN, peers: PEERS },
  moderate: { everyone: ['steward'], peers: ['steward'] },
  manageLanguage: { everyone: ['steward'], peers: ['steward'] },
  visit: { everyone: ALL_IN, peers: ALL_IN },
};

describe('space policy', () => {
  it('decides every action in the table', () => {
    expect(Object.keys(allowed).sort()).toEqual(Object.keys(spacePolicy).sort());
  });

  for (const action of Object.keys(spacePolicy) as SpaceAction[]) {
    for (const space of SPACES) {
      for (const role of GROUP_VIEWER_ROLES) {
        const expected = allowed[action][space].includes(role);
        it(`${expected ? 'lets' : 'stops'} ${role} ${action} in the ${space} space`, () => {
          for (const stage of STAGES) {
            const facts: SpaceFacts = { space, author: true, asker: true };
            expect(spacePolicy[action](role, { visibility: 'open', stage, ...facts })).toBe(
              expected,
            );
          }
        });
      }
    }
  }

  it('never lets anyone but the writer change a post, or anyone but the asker mark what helped', () => {
    for (const role of GROUP_VIEWER_ROLES) {
      const group = { visibility: 'open', stage: 'active', space: 'everyone' } as const;
      expect(spacePolicy.editOwn(role, { ...group, author: false })).toBe(false);
      expect(spacePolicy.markHelped(role, { ...group, asker: false })).toBe(false);
    }
  });
});
