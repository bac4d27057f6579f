import type { Kysely } from 'kysely';
import type { Stage } from '../../../core/domain/lifecycle';
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
  refuseIfAdjourned(locked.stage);
  return locked;
}

/** Throws `group.adjourned` for a group whose history is read-only. */
export function refuseIfAdjourned(stage: Stage): void {
  if (stage === 'adjourned') {
    throw new AppError(
      'group.adjourned',
      'This group has adjourned, so its history can be read but no longer changed.',
    );
  }
}
