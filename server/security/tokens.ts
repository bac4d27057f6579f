import { hash, randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** A new secret token: 128 random bits, base64url (22 characters). */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** What is stored instead of a token or other identifier: its SHA-256, hex. */
export function sha256(value: string): string {
  return hash('sha256', value, 'hex');
}

/** A new row id: UUIDv7, so ids sort by creation time on both databases. */
export function newId(): string {
  return uuidv7();
}
