/**
 * Which emails each person gets, and the one-click links in every mail that change it
 * without signing in. The link carries the person's id and a keyed hash of it, so nothing
 * about it is stored.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EmailPreferences } from '../../core/protocol/mail';
import { findEmailPreferences } from '../db/queries/emailPreferences';
import { settingOrInsert } from '../db/queries/settings';
import type { Database } from '../db/tables';

export const DEFAULT_EMAIL_PREFERENCES: EmailPreferences = {
  reminders: [1440, 60],
  roles: true,
  changes: true,
  proposals: true,
};

let cachedSecret: { db: unknown; secret: Buffer } | null = null;

/** The deployment's key for one-click preference links, made on first use. */
async function linkSecret(db: Kysely<Database>): Promise<Buffer> {
  if (cachedSecret?.db === db) return cachedSecret.secret;
  const fresh = randomBytes(32).toString('base64url');
  const stored = await settingOrInsert(db, 'mailLinkSecret', fresh);
  const secret = Buffer.from(stored);
  cachedSecret = { db, secret };
  return secret;
}

/** A link token naming one person: their id and a keyed hash of it. */
export async function preferencesToken(db: Kysely<Database>, userId: string): Promise<string> {
  const mac = createHmac('sha256', await linkSecret(db)).update(`email-preferences:${userId}`);
  return `${Buffer.from(userId).toString('base64url')}.${mac.digest('base64url')}`;
}

/** The person a link token names, or null when it is not one Hearth made. */
export async function userOfToken(db: Kysely<Database>, token: string): Promise<string | null> {
  const [idPart, macPart] = token.split('.');
  if (!idPart || !macPart) return null;
  const userId = Buffer.from(idPart, 'base64url').toString();
  const expected = Buffer.from((await preferencesToken(db, userId)).split('.')[1] as string);
  const given = Buffer.from(macPart);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return userId;
}

/** Each person's choices, with the defaults for anything they never chose. */
export async function readPreferences(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, EmailPreferences>> {
  const rows = await findEmailPreferences(db, userIds);
  const map = new Map<string, EmailPreferences>();
  for (const id of userIds) map.set(id, DEFAULT_EMAIL_PREFERENCES);
  for (const row of rows)
    map.set(row.user_id, { ...DEFAULT_EMAIL_PREFERENCES, ...row.preferences });
  return map;
}
