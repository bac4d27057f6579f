/** SQL for the outbox: mail queued with the change that caused it, and what became of it. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, EmailOutboxTable } from '../tables';

export type OutboxRow = Selectable<EmailOutboxTable>;

/** Queues a mail; a mail whose dedupe key was queued before is skipped. True when queued. */
export async function enqueueMail(
  db: Kysely<Database>,
  row: Omit<OutboxRow, 'attempts' | 'last_error' | 'sent_at' | 'status' | 'group_id'> & {
    group_id?: string | null;
  },
  status: 'pending' | 'waiting' = 'pending',
): Promise<boolean> {
  const inserted = await db
    .insertInto('email_outbox')
    .values({
      ...row,
      group_id: row.group_id ?? null,
      status,
      attempts: 0,
      last_error: null,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Claims up to `limit` mails due now for this node: each claim is a lease, so a node that
 * dies mid-send leaves the mail to be claimed again when the lease ends.
 */
export async function claimDueMail(
  db: Kysely<Database>,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<OutboxRow[]> {
  const due = await db
    .selectFrom('email_outbox')
    .select('id')
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  const claimed: OutboxRow[] = [];
  for (const { id } of due) {
    const row = await db
      .updateTable('email_outbox')
      .set({ status: 'sending', next_attempt_at: leaseUntil })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'sending'])
      .where('next_attempt_at', '<=', now)
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push(row);
  }
  return claimed;
}

export async function settleMail(
  db: Kysely<Database>,
  id: string,
  patch: Pick<OutboxRow, 'status'> &
    Partial<Pick<OutboxRow, 'next_attempt_at' | 'last_error' | 'sent_at' | 'attempts'>>,
): Promise<void> {
  await db.updateTable('email_outbox').set(patch).where('id', '=', id).execute();
}

export async function listOutbox(db: Kysely<Database>, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('email_outbox')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Puts a held or failed mail back in the queue. */
export async function requeueMail(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ status: 'pending', next_attempt_at: now, attempts: 0, last_error: null })
    .where('id', '=', id)
    .where('status', 'in', ['held', 'failed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countOutbox(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('email_outbox')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Sends what waited for the person to confirm their address, to the address now confirmed;
 * mail older than `since` is left waiting (a reminder for a meeting long past helps nobody).
 */
export async function releaseWaitingMail(
  db: Kysely<Database>,
  userId: string,
  address: string,
  since: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'pending', to_address: address, next_attempt_at: now })
    .where('user_id', '=', userId)
    .where('status', '=', 'waiting')
    .where('created_at', '>=', since)
    .execute();
}

export async function findMail(db: Kysely<Database>, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
