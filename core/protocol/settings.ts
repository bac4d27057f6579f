/** The deployment's settings and its health. */
import { z } from 'zod';
import { ABSOLUTE_SIZE_CAP_MAX, MIN_GROUP_SIZE } from '../domain/groupSize';

export const publicSettings = z
  .object({
    deploymentName: z.string(),
    crisisResources: z.string(),
    sizeCapMax: z.number().int(),
    recommendedSize: z.number().int(),
    /** Who runs this Hearth and how to ask them about your data; '' until an administrator says. */
    privacyContact: z.string(),
  })
  .meta({ id: 'Settings' });
export type PublicSettings = z.infer<typeof publicSettings>;

export const updateSettingsBody = z
  .strictObject({
    deploymentName: z
      .string()
      .trim()
      .min(1, 'Give the deployment a name.')
      .max(80, 'Use at most 80 characters.')
      .optional(),
    crisisResources: z
      .string()
      .trim()
      .min(1, 'Crisis resources cannot be empty.')
      .max(4000, 'Use at most 4,000 characters.')
      .optional(),
    sizeCapMax: z
      .number()
      .int('Enter a whole number.')
      .min(MIN_GROUP_SIZE, `Use at least ${MIN_GROUP_SIZE}.`)
      .max(ABSOLUTE_SIZE_CAP_MAX, `Use at most ${ABSOLUTE_SIZE_CAP_MAX}.`)
      .optional(),
    privacyContact: z.string().trim().max(1000, 'Use at most 1,000 characters.').optional(),
  })
  .meta({ id: 'UpdateSettingsBody' });

export const healthResponse = z
  .object({
    status: z.literal('ok'),
    database: z.string(),
    /**
     * Whether this node hears what the other nodes change: `in_memory` with one process on
     * SQLite, `listening` on PostgreSQL, `reconnecting` while its connection for that is
     * lost (it still serves, reading everything afresh until it listens again).
     */
    bus: z.enum(['in_memory', 'listening', 'reconnecting']),
  })
  .meta({ id: 'Health' });

export const readyResponse = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    database: z.enum(['sqlite', 'postgres']),
    /** Why it is not ready, in a sentence for whoever runs Hearth; null when ready. */
    problem: z.string().nullable(),
  })
  .meta({ id: 'Readiness' });
