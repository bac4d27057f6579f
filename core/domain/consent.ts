/**
 * A consent decision, written once for every place a group decides together: a change to
 * its agreement now; confirming its purpose, its review and meeting changes later.
 *
 * The rule: a proposal is adopted when nobody objects, at least a quorum of active members
 * agree, and either every active member has responded or the deadline has passed. An
 * objection holds it open (the proposer can revise or withdraw; the group talks it over).
 * With no objection but too few agreeing by the deadline, it lapses.
 */

export const CONSENT_RESPONSES = ['agree', 'stand_aside', 'object'] as const;
export type ConsentResponse = (typeof CONSENT_RESPONSES)[number];

/** Share of active members whose agreement is needed: more than this fraction. */
export const DEFAULT_QUORUM = 0.5;
export const DEFAULT_DEADLINE_DAYS = 7;

export interface ConsentInput {
  /** Members who count now; anyone who has left is simply not here. */
  activeMemberIds: readonly string[];
  /** Each member's response in the current round (the latest one they gave). */
  responses: ReadonlyMap<string, ConsentResponse>;
  deadlineMs: number;
  nowMs: number;
  /** Agreement must come from more than this share of active members. */
  quorum?: number;
}

export interface ConsentTally {
  active: number;
  agree: number;
  standAside: number;
  object: number;
  /** Active members who have not responded yet. */
  waitingFor: string[];
  /** How many must agree for adoption. */
  quorumNeeded: number;
}

export type ConsentOutcome =
  | { state: 'adopted'; why: 'everyone_responded' | 'deadline_passed'; tally: ConsentTally }
  | { state: 'open'; why: 'objection' | 'waiting'; tally: ConsentTally }
  | { state: 'lapsed'; why: 'too_few_agreed'; tally: ConsentTally };

/** The smallest number of agreements that is more than `quorum` of `active` members. */
export function quorumNeeded(active: number, quorum = DEFAULT_QUORUM): number {
  return Math.max(1, Math.floor(active * quorum) + 1);
}

/** Counts the responses of active members only. */
export function tally(input: ConsentInput): ConsentTally {
  const counts = { agree: 0, stand_aside: 0, object: 0 };
  const waitingFor: string[] = [];
  for (const id of input.activeMemberIds) {
    const response = input.responses.get(id);
    if (response) counts[response] += 1;
    else waitingFor.push(id);
  }
  return {
    active: input.activeMemberIds.length,
    agree: counts.agree,
    standAside: counts.stand_aside,
    object: counts.object,
    waitingFor,
    quorumNeeded: quorumNeeded(input.activeMemberIds.length, input.quorum),
  };
}

/** Applies the rule. Pure: the same members, responses and time give the same outcome. */
export function decide(input: ConsentInput): ConsentOutcome {
  const t = tally(input);
  if (t.object > 0) return { state: 'open', why: 'objection', tally: t };
  const enoughAgree = t.agree >= t.quorumNeeded;
  const everyoneResponded = t.waitingFor.length === 0;
  const deadlinePassed = input.nowMs >= input.deadlineMs;
  if (enoughAgree && everyoneResponded)
    return { state: 'adopted', why: 'everyone_responded', tally: t };
  if (deadlinePassed) {
    return enoughAgree
      ? { state: 'adopted', why: 'deadline_passed', tally: t }
      : { state: 'lapsed', why: 'too_few_agreed', tally: t };
  }
  return { state: 'open', why: 'waiting', tally: t };
}

/**
 * The one rule about a response itself: an objection says what it is, so the group can work
 * with it. Returns the problem, or null when the response can be given.
 */
export function responseProblem(
  response: ConsentResponse,
  note: string | null | undefined,
): 'objection_needs_reason' | null {
  return response === 'object' && !note?.trim() ? 'objection_needs_reason' : null;
}
