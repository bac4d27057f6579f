import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors';
import type { EmailPreferences, EmailPreferencesView } from '../../../core/protocol/meetings';
import { findEmailPreferences, saveEmailPreferences } from '../../db/queries/mail';
import { settingOrInsert } from '../../db/queries/settings';
import { findUserEmail } from '../../db/queries/users';
import type { Database } from '../../db/tables';
import type { Deps, Viewer } from '../deps';

export const DEFAULT_EMAIL_PREFERENCES: EmailPreferences = {
  reminders: [1440, 60],
  roles: true,
  changes: true,
  proposals: true,
};

const SECRET_KEY = 'mailLinkSecret';
const invalidLink = () =>
  new AppError('not_found', 'This link is not valid. Sign in to change your emails.');
let cachedSecret: { db: unknown; secret: Buffer } | null = null;

/** The deployment's key for one-click preference links, made on first use. */
async function linkSecret(db: Kysely<Database>): Promise<Buffer> {
  if (cachedSecret?.db === db) return cachedSecret.secret;
  const fresh = JSON.stringify(randomBytes(32).toString('base64url'));
  const stored = await settingOrInsert(db, SECRET_KEY, fresh);
  const secret = Buffer.from(JSON.parse(stored) as string);
  cachedSecret = { db, secret };
  return secret;
}

/** A link token naming one person: their id and a keyed hash of it, so nothing is stored. */
export async function preferencesToken(db: Kysely<Database>, userId: string): Promise<string> {
  const mac = createHmac('sha256', await linkSecret(db)).update(`email-preferences:${userId}`);
  return `${Buffer.from(userId).toString('base64url')}.${mac.digest('base64url')}`;
}

async function userOfToken(db: Kysely<Database>, token: string): Promise<string> {
  const invalid = invalidLink();
  const [idPart, macPart] = token.split('.');
  if (!idPart || !macPart) throw invalid;
  const userId = Buffer.from(idPart, 'base64url').toString();
  const expected = Buffer.from((await preferencesToken(db, userId)).split('.')[1] as string);
  const given = Buffer.from(macPart);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
  return userId;
}

export async function readPreferences(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, EmailPreferences>> {
  const rows = await findEmailPreferences(db, userIds);
  const map = new Map<string, EmailPreferences>();
  for (const id of userIds) map.set(id, DEFAULT_EMAIL_PREFERENCES);
  for (const row of rows) {
    map.set(row.user_id, {
      ...DEFAULT_EMAIL_PREFERENCES,
      ...(JSON.parse(row.preferences) as object),
    });
  }
  return map;
}

async function view(db: Kysely<Database>, userId: string): Promise<EmailPreferencesView> {
  const user = await findUserEmail(db, userId);
  if (!user) throw invalidLink();
  const preferences = (await readPreferences(db, [userId])).get(userId) as EmailPreferences;
  return { email: user.email, preferences };
}

export async function getMyEmailPreferences(deps: Deps, viewer: Viewer) {
  return view(deps.db, viewer.userId);
}

async function save(deps: Deps, userId: string, input: EmailPreferences) {
  const clean = { ...input, reminders: [...new Set(input.reminders)].sort((a, b) => b - a) };
  await saveEmailPreferences(deps.db, userId, JSON.stringify(clean), deps.now().toISOString());
  return view(deps.db, userId);
}

export async function setMyEmailPreferences(deps: Deps, viewer: Viewer, input: EmailPreferences) {
  return save(deps, viewer.userId, input);
}

/** The same, from the link in a mail, without signing in. */
export async function getEmailPreferencesByToken(deps: Deps, token: string) {
  return view(deps.db, await userOfToken(deps.db, token));
}

export async function setEmailPreferencesByToken(
  deps: Deps,
  token: string,
  input: EmailPreferences,
) {
  return save(deps, await userOfToken(deps.db, token), input);
}
