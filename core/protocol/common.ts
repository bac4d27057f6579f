/**
 * Shapes every part of the JSON API shares: ids, times, the path parameters that name a
 * group, the error body. Each resource's own shapes are in the file named for it.
 * Request objects are strict: an unknown field is refused with a 400 naming it.
 * Times are UTC ISO-8601 strings.
 */
import { z } from 'zod';
import { STAGES } from '../domain/lifecycle';
import { VENUE_KINDS } from '../domain/meetings';
import { ERROR_CODES, FIELD_CODES } from '../errors';

export const API_VERSION = '1';

/** A line break or other control character in a name would break mail and pages that show it. */
export const oneLine = (value: string) => !/\p{Cc}/u.test(value);

export const id = z.string().min(1).max(64);
export const isoTime = z.string();

export const stageSchema = z.enum(STAGES);
export const formatSchema = z.enum(VENUE_KINDS, { error: 'Choose in person, online or both.' });

export const groupParams = z.strictObject({ id });
export const tokenParams = z.strictObject({ token: z.string().min(1).max(200) });

/** How long a decision stays open for responses, in days. */
export const deadlineDays = z
  .number()
  .int()
  .min(1, 'Allow at least 1 day.')
  .max(30, 'Allow at most 30 days.')
  .optional();

const params = z.record(z.string(), z.union([z.string(), z.number()]));

export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      /** A plain sentence for API clients; the web app shows its own words for the code. */
      message: z.string(),
      params: params.optional(),
      fields: z
        .record(
          z.string(),
          z.object({ code: z.enum(FIELD_CODES), message: z.string(), params: params.optional() }),
        )
        .optional(),
    }),
  })
  .meta({ id: 'Error' });
