/** A group's purpose is at most this many words: one central idea, said briefly. */
export const PURPOSE_MAX_WORDS = 12;

/**
 * Counts words the way a reader would: runs of letters, digits, apostrophes or hyphens,
 * in any script. Punctuation and emoji on their own are not words.
 */
export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu);
  return words ? words.length : 0;
}

/** True when the purpose fits the limit (an empty purpose fits). */
export function purposeFits(text: string): boolean {
  return countWords(text) <= PURPOSE_MAX_WORDS;
}
