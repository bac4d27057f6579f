import type { Kysely } from 'kysely';
import { AppError } from '../../../core/errors';
import { lockGroup } from '../../db/queries/groups';
import type { Database } from '../../db/tables';

/**
 * Takes the group's lock for a change, refusing groups that have adjourned: their history
 * is read-only. Returns the group's size cap and stage as they stand under the lock.
 */
export async function lockOpenGroup(db: Kysely<Database>, groupId: string, now: string) {
  const locked = await lockGroup(db, groupId, now);
  if (!locked) throw new AppError('not_found', 'We could not find that group.');
  if (locked.stage === 'adjourned') {
    throw new AppError(
      'group.adjourned',
      'This group has adjourned, so its history can be read but no longer changed.',
    );
  }
  return locked;
}
