/**
 * Every policy, by resource: the one table the access gate (server/access) consults. An
 * action is named `resource.action`, e.g. `agreement.close`.
 */
import { type AgreementAction, agreementPolicy, agreementRefusals } from './agreement';
import { type DecisionAction, decisionPolicy, decisionRefusals } from './decisions';
import { type GroupAction, groupPolicy, groupRefusals } from './groups';
import { type LiveAction, livePolicy, liveRefusals } from './live';
import { type MeetingAction, meetingPolicy, meetingRefusals } from './meetings';
import type { GroupFacts } from './predicates';
import { type SpaceAction, spacePolicy, spaceRefusals } from './space';

export const POLICIES = {
  group: groupPolicy,
  agreement: agreementPolicy,
  meeting: meetingPolicy,
  decision: decisionPolicy,
  live: livePolicy,
  space: spacePolicy,
};

export const REFUSALS: Record<keyof typeof POLICIES, Record<string, string>> = {
  group: groupRefusals,
  agreement: agreementRefusals,
  meeting: meetingRefusals,
  decision: decisionRefusals,
  live: liveRefusals,
  space: spaceRefusals,
};

export type Action =
  | `group.${GroupAction}`
  | `agreement.${AgreementAction}`
  | `meeting.${MeetingAction}`
  | `decision.${DecisionAction}`
  | `live.${LiveAction}`
  | `space.${SpaceAction}`;

type Policies = typeof POLICIES;
type RuleOf<A extends Action> = A extends `${infer R extends keyof Policies}.${infer N}`
  ? N extends keyof Policies[R]
    ? Policies[R][N]
    : never
  : never;

/** What a rule needs to know beyond the group itself (e.g. whether the viewer proposed it). */
export type ExtraFacts<A extends Action> =
  RuleOf<A> extends (role: never, facts: infer F) => boolean ? Omit<F, keyof GroupFacts> : never;
