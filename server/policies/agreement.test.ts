import { describe, expect, it } from 'vitest';
import { type AgreementAction, agreementPolicy } from './agreement';
import { GROUP_VIEWER_ROLES, type GroupViewerRole } from './predicates';

type Who = `${GroupViewerRole}${'' | '+proposer'}`;

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

  for (const action of Object.keys(agreementPolicy) as AgreementAction[]) {
    for (const role of GROUP_VIEWER_ROLES) {
      for (const isProposer of [false, true]) {
        const who = `${role}${isProposer ? '+proposer' : ''}` as Who;
        const expected = allowed[action].includes(who);
        it(`${expected ? 'lets' : 'stops'} ${who} ${action}`, () => {
          expect(
            agreementPolicy[action](role, { visibility: 'open', stage: 'active', isProposer }),
          ).toBe(expected);
        });
      }
    }
  }
});
