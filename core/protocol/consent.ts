/**
 * One consent engine for everything a group decides together (its agreement, its purpose,
 * its review): the response a member gives, and the tally as everyone sees it. The rule
 * itself is core/domain/consent.ts.
 */
import { z } from 'zod';
import { CONSENT_RESPONSES } from '../domain/consent';
import { id, isoTime } from './common';

export const consentResponseBody = z
  .strictObject({
    response: z.enum(CONSENT_RESPONSES, { error: 'Choose agree, stand aside or object.' }),
    note: z
      .string()
      .trim()
      .max(2000, 'Use at most 2,000 characters.')
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .meta({ id: 'ConsentResponseBody' });

export const tallyView = z
  .object({
    state: z.enum(['adopted', 'open', 'lapsed']),
    why: z.enum([
      'everyone_responded',
      'deadline_passed',
      'objection',
      'waiting',
      'too_few_agreed',
    ]),
    active: z.number().int(),
    agree: z.number().int(),
    standAside: z.number().int(),
    object: z.number().int(),
    waiting: z.number().int(),
    quorumNeeded: z.number().int(),
  })
  .meta({ id: 'ConsentTally' });
export type TallyView = z.infer<typeof tallyView>;

export const responseView = z
  .object({
    userId: id,
    displayName: z.string(),
    response: z.enum(CONSENT_RESPONSES).nullable(),
    note: z.string().nullable(),
    respondedAt: isoTime.nullable(),
  })
  .meta({ id: 'ConsentResponse' });
export type ResponseView = z.infer<typeof responseView>;
