/**
 * The observer's codebook: the kinds of thing they note, each on one key (BORIS's lesson:
 * one key per code, and moments apart from spans). A group can make it its own.
 */
import { z } from 'zod';

export const MAX_CODES = 12;

export const codeSchema = z.strictObject({
  /** One letter or digit: the key that notes it. */
  key: z.string().regex(/^[a-z0-9]$/, 'A key is one letter or digit.'),
  label: z.string().trim().min(1).max(40),
});
export type Code = z.infer<typeof codeSchema>;

export const codebookSchema = z
  .array(codeSchema)
  .min(1)
  .max(MAX_CODES)
  .refine((codes) => new Set(codes.map((c) => c.key)).size === codes.length, {
    message: 'Each code needs a key of its own.',
  })
  .refine((codes) => new Set(codes.map((c) => c.label.toLowerCase())).size === codes.length, {
    message: 'Each code needs a name of its own.',
  });

/** What a group starts with: the five the seeds name. */
export const DEFAULT_CODEBOOK: readonly Code[] = [
  { key: 'i', label: 'Interaction' },
  { key: 'n', label: 'Non-verbal' },
  { key: 'e', label: 'Emotion' },
  { key: 't', label: 'Theme' },
  { key: 'q', label: 'Quote' },
];

/** The code a key press notes, if any (keys are matched without regard to case). */
export function codeForKey(codes: readonly Code[], key: string): Code | undefined {
  const k = key.toLowerCase();
  return codes.find((c) => c.key === k);
}
