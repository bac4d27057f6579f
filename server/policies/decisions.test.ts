import { describe, expect, it } from 'vitest';
import { type DecisionAction, decisionPolicy } from './decisions';
import { proposerCases, type Who } from './proposerTable';

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

  it.each(proposerCases(decisionPolicy, allowed))('$action by $who: $expected', (c) => {
    expect(c.actual).toBe(c.expected);
  });
});
