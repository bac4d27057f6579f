/**
 * The one consent engine on the server, for everything a group decides together: agreement
 * proposals and the group's own decisions (purpose, review). The rule is pure and shared
 * with the browser (core/domain/consent.ts); this applies it to members and responses as
 * stored, and checks a response before it is kept.
 */
import {
  type ConsentOutcome,
  type ConsentResponse,
  decide,
  responseProblem,
} from '../../core/domain/consent';
import { fieldError } from '../../core/errors';
import type { TallyView } from '../../core/protocol/consent';

export interface Counted {
  outcome: ConsentOutcome;
  /** The tally as members see it. */
  view: TallyView;
}

/** The rule applied now to the group's current members and their responses. */
export function tallyOf(input: {
  memberIds: readonly string[];
  responses: readonly { user_id: string; response: ConsentResponse }[];
  deadlineAt: string;
  now: Date;
}): Counted {
  const outcome = decide({
    activeMemberIds: input.memberIds,
    responses: new Map(input.responses.map((r) => [r.user_id, r.response])),
    deadlineMs: Date.parse(input.deadlineAt),
    nowMs: input.now.getTime(),
  });
  return {
    outcome,
    view: {
      state: outcome.state,
      why: outcome.why,
      active: outcome.tally.active,
      agree: outcome.tally.agree,
      standAside: outcome.tally.standAside,
      object: outcome.tally.object,
      waiting: outcome.tally.waitingFor.length,
      quorumNeeded: outcome.tally.quorumNeeded,
    },
  };
}

/** Refuses a response the rule does not accept (an objection without its reason). */
export function requireAcceptableResponse(input: {
  response: ConsentResponse;
  note: string | null;
}): void {
  if (responseProblem(input.response, input.note) === 'objection_needs_reason') {
    throw fieldError(
      'note',
      'objection_needs_reason',
      'Say what your objection is, so the group can work with it.',
    );
  }
}
