import { describe, expect, it } from 'vitest';
import { nulPath } from './nul';

describe('nulPath', () => {
  it('finds a NUL in nested strings, arrays and keys, and nothing in clean values', () => {
    expect(nulPath({ a: 'fine', b: [1, { c: 'x\u0000y' }] })).toBe('b.1.c');
    expect(nulPath({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(nulPath('\u0000')).toBe('_');
    expect(nulPath({ a: 'line\nbreak', b: null, c: 3, d: true })).toBeNull();
  });
});
