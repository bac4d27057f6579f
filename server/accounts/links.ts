/**
 * Mailed one-time links for accounts: choosing a new password, confirming an address,
 * confirming a new address. A link is 32 random bytes, stored only as its hash, works once
 * for an hour, and only for its own scope; a new link voids the person's older ones of the
 * same scope. Every account mail goes through `mailAccount`, so it is always sent.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors';
import type { AccountTokenRow } from '../db/queries/accountTokens';
import { replaceAccountToken, useAccountToken } from '../db/queries/accountTokens';
import type { Database, TokenScope } from '../db/tables';
import type { Deps } from '../deps';
import { type MailContent, type MailContext, verifyMail } from '../mail/messages';
import { queueMail } from '../mail/queueMail';
import { newId, sha256 } from '../security/tokens';

export const LINK_MINUTES = 60;

/** Where each kind of link opens in the web app. */
const PAGES: Record<TokenScope, string> = {
  reset: 'reset-password',
  verify: 'verify-email',
  change_email: 'confirm-email',
};

/** A new link's secret: 32 random bytes, base64url (43 characters). */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Makes a link for the person and returns its address; older links of the scope stop working. */
export async function issueLink(
  deps: Deps,
  db: Kysely<Database>,
  link: { userId: string; scope: TokenScope; email?: string | null; at: Date },
): Promise<string> {
  const token = newLinkToken();
  await replaceAccountToken(db, {
    id: newId(),
    user_id: link.userId,
    scope: link.scope,
    token_hash: sha256(token),
    email: link.email ?? null,
    created_at: link.at.toISOString(),
    expires_at: new Date(link.at.getTime() + LINK_MINUTES * 60_000).toISOString(),
  });
  return `${deps.config.publicUrl}/${PAGES[link.scope]}/${token}`;
}

export const linkInvalid = () =>
  new AppError(
    'auth.link_invalid',
    'This link has expired or has already been used. Ask for a new one and use the newest mail.',
  );

/** Uses a link of this scope, once; `auth.link_invalid` for any other link. */
export async function useLink(
  db: Kysely<Database>,
  token: string,
  scope: TokenScope,
  at: string,
): Promise<AccountTokenRow> {
  const row = await useAccountToken(db, sha256(token), scope, at);
  if (!row) throw linkInvalid();
  return row;
}

/** Queues a mail about the account to one address: always sent, whatever the choices. */
export async function mailAccount(
  deps: Deps,
  db: Kysely<Database>,
  mail: {
    userId: string;
    to: string;
    displayName: string | null;
    kind: string;
    at: string;
    dedupeKey?: string;
    write: (context: MailContext) => MailContent;
  },
): Promise<void> {
  await queueMail(db, {
    publicUrl: deps.config.publicUrl,
    to: [{ userId: mail.userId, email: mail.to, displayName: mail.displayName }],
    kind: mail.kind,
    at: mail.at,
    account: true,
    ...(mail.dedupeKey ? { dedupeKey: () => mail.dedupeKey as string } : {}),
    write: (context) => mail.write(context),
  });
}

/** Where a mail about the account's safety sends someone worried: choosing a new password. */
export const securityUrl = (deps: Deps) => `${deps.config.publicUrl}/forgot-password`;

/** Whether Hearth can send mail at all (an SMTP server is set). */
export const canSendMail = (deps: Deps) => deps.mail.kind === 'smtp';

/** Mails the person a link that confirms their address (and, signing up, signs them in). */
export async function mailConfirmationLink(
  deps: Deps,
  db: Kysely<Database>,
  user: { id: string; email: string; display_name: string },
  signingUp: boolean,
): Promise<void> {
  const at = deps.now();
  const url = await issueLink(deps, db, { userId: user.id, scope: 'verify', at });
  await mailAccount(deps, db, {
    userId: user.id,
    to: user.email,
    displayName: user.display_name,
    kind: 'account.verify',
    at: at.toISOString(),
    write: (c) => verifyMail(c, { url, signingUp }),
  });
}
