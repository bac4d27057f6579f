import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { hashPassword, isCommonPassword, needsRehash, verifyPassword } from './passwords';

const params = loadConfig({}).argon2;

describe('passwords', () => {
  it('recognises common passwords whatever their case', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(isCommonPassword('12345678')).toBe(true);
    expect(isCommonPassword('lantern kettle orchard')).toBe(false);
  });

  it('hashes with argon2id at the configured cost and verifies', async () => {
    const stored = await hashPassword('lantern kettle orchard', params);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'lantern kettle orchard')).toBe(true);
    expect(await verifyPassword(stored, 'lantern kettle orchard!')).toBe(false);
    expect(needsRehash(stored, params)).toBe(false);
    expect(needsRehash(stored, { ...params, timeCost: 3 })).toBe(true);
  });

  it('treats a broken stored hash as a mismatch, not a crash', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
  });
});
