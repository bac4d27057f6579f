import { describe, expect, it } from 'vitest';
import { type AgreementAction, agreementPolicy } from './agreement';
import { proposerCases, type Who } from './proposerTable';

/** Every action against every role, as proposer and not: the whole table, decided here. */
const allowed: Record<AgreementAction, Who[]> = {
  read: ['member', 'steward', 'member+proposer', 'steward+proposer'],
  propose: ['member', 'steward', 'member+proposer', 'steward+proposer'],
  respond: ['member', 'steward', 'member+proposer', 'steward+proposer'],
  acknowledge: ['member', 'steward', 'member+proposer', 'steward+proposer'],
  revise: ['member+proposer', 'steward+proposer'],
  withdraw: ['member+proposer', 'steward+proposer'],
  close: ['steward', 'steward+proposer'],
  seeAcknowledgements: ['steward', 'steward+proposer'],
};

describe('agreement policy', () => {
  it('decides every action in the table', () => {
    expect(Object.keys(allowed).sort()).toEqual(Object.keys(agreementPolicy).sort());
  });

  it.each(proposerCases(agreementPolicy, allowed))('$action by $who: $expected', (c) => {
    expect(c.actual).toBe(c.expected);
  });
});
