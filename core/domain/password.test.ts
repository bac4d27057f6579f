import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, passwordLength, passwordLengthProblem } from './password';

describe('password length', () => {
  it('counts characters, not code units', () => {
    expect(passwordLength('🙂🙂🙂🙂')).toBe(4);
    expect(passwordLength('ñandú')).toBe(5);
  });

  it('refuses short and very long passwords and accepts any characters between', () => {
    expect(passwordLengthProblem('1234567')).toBe('too_short');
    expect(passwordLengthProblem('a'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe('too_long');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 8, maxLength: 64 }), (pw) => {
        fc.pre(passwordLength(pw) >= 8 && passwordLength(pw) <= PASSWORD_MAX_LENGTH);
        expect(passwordLengthProblem(pw)).toBeNull();
      }),
    );
  });
});
