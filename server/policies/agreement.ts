/**
 * Who may do what with a group's comfort agreement. Only members read it and act on it;
 * the proposer alone revises or withdraws their proposal; a steward's one extra power is to
 * close a stale proposal as not adopted, and to see who has acknowledged the agreement.
 */
import type { GroupViewerRole } from './groups';

export interface ProposalFacts {
  /** The viewer made this proposal. */
  isProposer: boolean;
}

const isMember = (role: GroupViewerRole) => role === 'member' || role === 'steward';

export const agreementPolicy = {
  read: (role: GroupViewerRole, _p: ProposalFacts) => isMember(role),
  propose: (role: GroupViewerRole, _p: ProposalFacts) => isMember(role),
  respond: (role: GroupViewerRole, _p: ProposalFacts) => isMember(role),
  acknowledge: (role: GroupViewerRole, _p: ProposalFacts) => isMember(role),
  revise: (role: GroupViewerRole, p: ProposalFacts) => isMember(role) && p.isProposer,
  withdraw: (role: GroupViewerRole, p: ProposalFacts) => isMember(role) && p.isProposer,
  close: (role: GroupViewerRole, _p: ProposalFacts) => role === 'steward',
  seeAcknowledgements: (role: GroupViewerRole, _p: ProposalFacts) => role === 'steward',
} as const;

export type AgreementAction = keyof typeof agreementPolicy;
