/**
 * Who may do what with a group's comfort agreement. Only members read it and act on it;
 * the proposer alone revises or withdraws their proposal; a steward's one extra power is to
 * close a stale proposal as not adopted, and to see who has acknowledged the agreement.
 */
import { definePolicy, isMember, isSteward } from './predicates';

export interface ProposalFacts {
  /** The viewer made this proposal (absent: they did not). */
  isProposer?: boolean;
}

export const agreementPolicy = definePolicy<ProposalFacts>()({
  read: (role) => isMember(role),
  propose: (role) => isMember(role),
  respond: (role) => isMember(role),
  acknowledge: (role) => isMember(role),
  revise: (role, p) => isMember(role) && p.isProposer === true,
  withdraw: (role, p) => isMember(role) && p.isProposer === true,
  close: (role) => isSteward(role),
  seeAcknowledgements: (role) => isSteward(role),
});

export type AgreementAction = keyof typeof agreementPolicy;

export const agreementRefusals: Record<AgreementAction, string> = {
  read: 'Only members of this group can see and change its agreement.',
  propose: 'Only members of this group can propose changes to its agreement.',
  respond: 'Only members can respond to proposals.',
  acknowledge: 'Only members of this group can accept its agreement.',
  revise: 'Only the person who made a proposal can revise it.',
  withdraw: 'Only the person who made a proposal can withdraw it.',
  close: 'Only the group’s stewards can close a proposal.',
  seeAcknowledgements: 'Only the group’s stewards can see who has accepted the agreement.',
};
