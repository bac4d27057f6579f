/** A group's record: who did what, and when. Never what anyone wrote. */
import { z } from 'zod';
import { id, isoTime } from './common';

export const recordQuery = z.strictObject({
  /** The id of the oldest entry already shown: the next page starts after it. */
  before: id.optional(),
});

export const recordEntry = z.object({
  id,
  at: isoTime,
  /** What happened, as a code the web app puts into words (e.g. `member.role_changed`). */
  action: z.string(),
  /** Who did it; null when Hearth did, by itself. */
  actor: z.string().nullable(),
  /** Whom it was about, when that is a person. */
  subject: z.string().nullable(),
});
export type RecordEntry = z.infer<typeof recordEntry>;

export const recordPage = z
  .object({ items: z.array(recordEntry), next: id.nullable() })
  .meta({ id: 'GroupRecord' });
export type RecordPage = z.infer<typeof recordPage>;
