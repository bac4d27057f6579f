/** The group's own consent decisions beyond its agreement: its purpose and its review. */
import { z } from 'zod';
import { CONSENT_RESPONSES } from '../domain/consent';
import { REVIEW_OPTIONS } from '../domain/lifecycle';
import { id, isoTime } from './common';
import { responseView, tallyView } from './consent';

export const decisionParams = z.strictObject({ decisionId: id });

export const reviewProposal = z
  .object({
    option: z.enum(REVIEW_OPTIONS),
    plannedMeetings: z.number().int().nullable(),
    changes: z.string().nullable(),
  })
  .meta({ id: 'ReviewProposal' });

export const groupDecision = z
  .object({
    id,
    groupId: id,
    kind: z.enum(['purpose', 'review']),
    status: z.enum(['open', 'adopted', 'lapsed', 'withdrawn']),
    /** Null when whoever proposed it has left the group. */
    proposerName: z.string().nullable(),
    purpose: z.string().nullable(),
    review: reviewProposal.nullable(),
    createdAt: isoTime,
    deadlineAt: isoTime,
    closedAt: isoTime.nullable(),
    decision: tallyView,
    responses: z.array(responseView),
    myResponse: z.enum(CONSENT_RESPONSES).nullable(),
    can: z.object({ respond: z.boolean(), withdraw: z.boolean() }),
  })
  .meta({ id: 'GroupDecision' });
export type GroupDecision = z.infer<typeof groupDecision>;
