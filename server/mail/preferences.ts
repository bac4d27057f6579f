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
import { listMailLinkGenerations } from '../db/queries/users';
import type { Database } from '../db/tables';

export const DEFAULT_EMAIL_PREFERENCES: EmailPreferences = {
  reminders: [1440, 60],
  roles: true,
  changes: true,
  proposals: true,
  spaceDigest: 'weekly',
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

async function macOf(db: Kysely<Database>, userId: string, generation: number): Promise<string> {
  // Generation 0 keeps the form links had before they could be replaced.
  const subject =
    generation === 0 ? `email-preferences:${userId}` : `email-preferences:${userId}:${generation}`;
  return createHmac('sha256', await linkSecret(db))
    .update(subject)
    .digest('base64url');
}

/**
 * Link tokens naming people: each their id, their links' generation and a keyed hash of
 * both, read with one query for everyone. Raising the generation (raiseMailLinkGeneration)
 * stops every older link.
 */
export async function preferencesTokens(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const generations = await listMailLinkGenerations(db, userIds);
  const tokens = new Map<string, string>();
  for (const userId of userIds) {
    const generation = generations.get(userId) ?? 0;
    const id = Buffer.from(userId).toString('base64url');
    const mac = await macOf(db, userId, generation);
    tokens.set(userId, generation === 0 ? `${id}.${mac}` : `${id}.${generation}.${mac}`);
  }
  return tokens;
}

/** One person's link token (see preferencesTokens). */
export async function preferencesToken(db: Kysely<Database>, userId: string): Promise<string> {
  return (await preferencesTokens(db, [userId])).get(userId) as string;
}

/** The person a link token names, or null when it is not one Hearth made (or was replaced). */
export async function userOfToken(db: Kysely<Database>, token: string): Promise<string | null> {
  const parts = token.split('.');
  const [idPart, generationPart, macPart] = parts.length === 2 ? [parts[0], '0', parts[1]] : parts;
  if (parts.length > 3 || !idPart || !macPart || !/^\d{1,9}$/.test(generationPart ?? '')) {
    return null;
  }
  const userId = Buffer.from(idPart, 'base64url').toString();
  const generation = Number(generationPart);
  if ((await listMailLinkGenerations(db, [userId])).get(userId) !== generation) return null;
  const expected = Buffer.from(await macOf(db, userId, generation));
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
