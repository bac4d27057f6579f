import type { Insertable, Kysely } from 'kysely';
import type { StaffRole } from '../../../core/domain/membership';
import type { Database, InvitesTable } from '../tables';

export interface InviteRow {
  id: string;
  group_id: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  max_uses: number | null;
  uses: number;
  sent_to: string | null;
  /** A staff role the invitation gives; null: membership. */
  role: StaffRole | null;
  /** With the observer role: the one meeting the person is invited to observe. */
  meeting_id: string | null;
}
export interface InviteWithNames extends InviteRow {
  created_by_name: string;
}

export async function insertInvite(
  db: Kysely<Database>,
  row: Insertable<InvitesTable>,
): Promise<void> {
  await db.insertInto('invites').values(row).execute();
}

export async function findInviteByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<InviteWithNames | undefined> {
  return db
    .selectFrom('invites')
    .innerJoin('users', 'users.id', 'invites.created_by')
    .selectAll('invites')
    .select('users.display_name as created_by_name')
    .where('invites.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Invitations that can still be used: not revoked, not expired, not used up. */
export async function listUsableInvites(
  db: Kysely<Database>,
  groupId: string,
  now: string,
): Promise<InviteWithNames[]> {
  return db
    .selectFrom('invites')
    .innerJoin('users', 'users.id', 'invites.created_by')
    .selectAll('invites')
    .select('users.display_name as created_by_name')
    .where('invites.group_id', '=', groupId)
    .where('invites.revoked_at', 'is', null)
    .where('invites.expires_at', '>', now)
    .where((eb) =>
      eb.or([
        eb('invites.max_uses', 'is', null),
        eb('invites.uses', '<', eb.ref('invites.max_uses')),
      ]),
    )
    .orderBy('invites.created_at', 'desc')
    .execute();
}

/** Revokes an invitation of this group; false when there is no such invitation. */
export async function revokeInvite(
  db: Kysely<Database>,
  groupId: string,
  inviteId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('invites')
    .set({ revoked_at: now })
    .where('id', '=', inviteId)
    .where('group_id', '=', groupId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Counts one use of an invitation if it has uses left; false when it is used up. The update
 * locks the invitation's row, so two people cannot both take its last use.
 */
export async function claimInviteUse(db: Kysely<Database>, inviteId: string): Promise<boolean> {
  const result = await db
    .updateTable('invites')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', inviteId)
    .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
