import { describe, expect, it } from 'vitest';
import { codebookSchema, codeForKey, DEFAULT_CODEBOOK } from './codebook';

describe('the observer’s codebook', () => {
  it('starts with the five codes, one key each', () => {
    expect(codebookSchema.safeParse(DEFAULT_CODEBOOK).success).toBe(true);
    expect(DEFAULT_CODEBOOK.map((c) => c.key)).toEqual(['i', 'n', 'e', 't', 'q']);
  });

  it('refuses two codes on one key or with one name, an empty book, and keys that are not one character', () => {
    const bad = [
      [],
      [
        { key: 'a', label: 'One' },
        { key: 'a', label: 'Two' },
      ],
      [
        { key: 'a', label: 'Same' },
        { key: 'b', label: 'same' },
      ],
      [{ key: 'ab', label: 'Long key' }],
      [{ key: ' ', label: 'Space' }],
      [{ key: 'a', label: '' }],
      Array.from({ length: 13 }, (_, i) => ({ key: String.fromCharCode(97 + i), label: `C${i}` })),
    ];
    for (const codes of bad)
      expect(codebookSchema.safeParse(codes).success, JSON.stringify(codes)).toBe(false);
  });

  it('finds the code for a key press, whatever its case', () => {
    expect(codeForKey(DEFAULT_CODEBOOK, 'Q')?.label).toBe('Quote');
    expect(codeForKey(DEFAULT_CODEBOOK, 'x')).toBeUndefined();
  });
});
