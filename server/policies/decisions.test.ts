import { describe, expect, it } from 'vitest';
import { type DecisionAction, decisionPolicy } from './decisions';
import { GROUP_VIEWER_ROLES, type GroupViewerRole } from './predicates';

type Who = `${GroupViewerRole}${'' | '+proposer'}`;

/** Every action against every role, as proposer and not. */
const allowed: Record<DecisionAction, Who[]> = {
  read: ['member', 'steward', 'member+proposer', 'steward+proposer'],
  respond: ['member', 'steward', 'member+proposer', 'steward+proposer'],
  withdraw: ['steward', 'member+proposer', 'steward+proposer'],
  askPurpose: ['steward', 'steward+proposer'],
  answerPurpose: ['member', 'steward', 'member+proposer', 'steward+proposer'],
  draftPurpose: ['steward', 'steward+proposer'],
  proposeReview: ['member', 'steward', 'member+proposer', 'steward+proposer'],
};

describe('decision policy', () => {
  it('decides every action in the table', () => {
    expect(Object.keys(allowed).sort()).toEqual(Object.keys(decisionPolicy).sort());
  });

  for (const action of Object.keys(decisionPolicy) as DecisionAction[]) {
    for (const role of GROUP_VIEWER_ROLES) {
      for (const isProposer of [false, true]) {
        const who = `${role}${isProposer ? '+proposer' : ''}` as Who;
        const expected = allowed[action].includes(who);
        it(`${expected ? 'lets' : 'stops'} ${who} ${action}`, () => {
          expect(
            decisionPolicy[action](role, { visibility: 'open', stage: 'active', isProposer }),
          ).toBe(expected);
        });
      }
    }
  }
});
