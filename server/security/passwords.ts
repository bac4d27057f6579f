import { readFileSync } from 'node:fs';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { Config } from '../config';

export type Argon2Params = Config['argon2'];

/** `Algorithm.Argon2id`; the enum is a const enum, which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm;

let common: Set<string> | undefined;

/**
 * True when the password is on the shipped list of commonly used passwords (about 18,000
 * of at least 8 characters), compared without regard to case.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return common.has(password.normalize('NFC').toLowerCase());
}

export function hashPassword(password: string, params: Argon2Params): Promise<string> {
  return hash(password.normalize('NFC'), { algorithm: ARGON2ID, ...params });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters, so it should be redone at sign-in. */
export function needsRehash(stored: string, params: Argon2Params): boolean {
  const match = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!match) return true;
  return (
    Number(match[1]) !== params.memoryCost ||
    Number(match[2]) !== params.timeCost ||
    Number(match[3]) !== params.parallelism
  );
}
