/**
 * The one write path for a group. Every change that can alter what any view of a group
 * shows (its page, members, meetings, agreement, decisions, waitlist…) runs inside
 * `withGroupLock`: one transaction that first takes the group's lock (a row lock on
 * PostgreSQL, the write lock on SQLite), refuses an adjourned group whose history would
 * change, and, once it commits, forgets every cached view of the group on every node.
 *
 * Helpers that must run under the lock take the `GroupWrite` it hands out, so calling them
 * outside it does not compile.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors';
import { type GroupRow, lockGroup } from '../db/queries/groups';
import type { Database } from '../db/tables';
import type { Deps } from '../deps';
import type { BusEvent } from '../fanout/bus';

export interface GroupWrite {
  trx: Kysely<Database>;
  groupId: string;
  /** The group as it stands under the lock. */
  group: GroupRow;
  now: Date;
  /** `now` as ISO-8601, the way times are stored. */
  at: string;
  /** Tells every node of this change once (and only if) it commits. */
  announce(event: BusEvent): Promise<void>;
}

export interface GroupLockOptions {
  /**
   * An adjourned group's history is read-only (409 `group.adjourned`); leaving it, stepping
   * down in it and Hearth's own bookkeeping are the exceptions that pass `allow`.
   */
  adjourned?: 'refuse' | 'allow';
  /**
   * `keep`: the change shows in no cached view of the group (a post in its space), so
   * cached pages and live rooms are left as they are. Default `forget`.
   */
  views?: 'forget' | 'keep';
}

/** Runs `work` in a transaction holding the group's lock; forgets the group's views after. */
export async function withGroupLock<T>(
  deps: Deps,
  groupId: string,
  work: (write: GroupWrite) => Promise<T>,
  options: GroupLockOptions = {},
): Promise<T> {
  const now = deps.now();
  const at = now.toISOString();
  let announce = async () => {};
  const announced: { event: BusEvent; tell: () => Promise<void> }[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const group = await lockGroup(trx, groupId, at);
    if (!group) throw new AppError('not_found', 'We could not find that group.');
    if (options.adjourned !== 'allow' && group.stage === 'adjourned') {
      throw new AppError(
        'group.adjourned',
        'This group has adjourned, so its history can be read but no longer changed.',
      );
    }
    const value = await work({
      trx,
      groupId,
      group,
      now,
      at,
      announce: async (event) => {
        announced.push({ event, tell: await deps.bus.publishOnCommit(event, trx) });
      },
    });
    // Every node hears of the change once it has committed, or never.
    if (options.views !== 'keep') {
      announce = await deps.bus.publishOnCommit({ kind: 'group', groupId }, trx);
    }
    return value;
  });
  // This node forgets at once, so the writer's next read sees the change.
  if (options.views !== 'keep') deps.cache.forgetGroup(groupId);
  for (const { event } of announced) deps.cache.hear(event);
  await announce();
  for (const { tell } of announced) await tell();
  return result;
}
