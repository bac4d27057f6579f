/**
 * NUL characters are refused everywhere text comes in (HTTP bodies, queries, path
 * parameters, live messages): PostgreSQL cannot store them in text, and no person types one.
 */

/** The dotted path of the first string (or key) holding a NUL character, or null if none. */
export function nulPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '_' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return here;
    const found = nulPath(inner, here);
    if (found) return found;
  }
  return null;
}

export const NUL_MESSAGE = 'Remove the invisible NUL character from this text.';
