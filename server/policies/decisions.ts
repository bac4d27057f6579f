/**
 * Who may take part in a group's own decisions: its purpose (asked and drafted by stewards,
 * answered and decided by everyone) and its review (proposed and decided by everyone).
 */
import { definePolicy, isMember, isSteward } from './predicates';

export interface DecisionFacts {
  /** The viewer proposed this decision (absent: they did not). */
  isProposer?: boolean;
}

export const decisionPolicy = definePolicy<DecisionFacts>()({
  read: (role) => isMember(role),
  respond: (role) => isMember(role),
  /** Whoever proposed it, or a steward, may take it back. */
  withdraw: (role, d) => isSteward(role) || (isMember(role) && d.isProposer === true),
  askPurpose: (role) => isSteward(role),
  answerPurpose: (role) => isMember(role),
  draftPurpose: (role) => isSteward(role),
  proposeReview: (role) => isMember(role),
});

export type DecisionAction = keyof typeof decisionPolicy;

export const decisionRefusals: Record<DecisionAction, string> = {
  read: 'Only members of this group can see its decisions.',
  respond: 'Only members of this group can respond.',
  withdraw: 'Only whoever proposed it, or a steward, can withdraw this.',
  askPurpose: 'Only the group’s stewards can ask about its purpose.',
  answerPurpose: 'Only members of this group can take part in its purpose.',
  draftPurpose: 'Only the group’s stewards can put a purpose to the group.',
  proposeReview: 'Only members of this group can take part in its review.',
};
