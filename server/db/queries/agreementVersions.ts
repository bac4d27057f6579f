/** SQL for the versions of a group's agreement and who has acknowledged which. */
import type { Kysely } from 'kysely';
import type { AgreementItem } from '../../../core/domain/agreement';
import { parseColumn, storedItems } from '../jsonColumns';
import type { AgreementAcknowledgementsTable, AgreementVersionsTable, Database } from '../tables';

/** A version with its items parsed. */
export type VersionRow = Omit<AgreementVersionsTable, 'items'> & { items: AgreementItem[] };

const toVersionRow = (row: AgreementVersionsTable): VersionRow => ({
  ...row,
  items: parseColumn(storedItems, row.items, 'agreement_versions.items'),
});

export async function findLatestVersion(
  db: Kysely<Database>,
  groupId: string,
): Promise<VersionRow | undefined> {
  const row = await db
    .selectFrom('agreement_versions')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toVersionRow(row) : undefined;
}

export async function findVersion(
  db: Kysely<Database>,
  groupId: string,
  number: number,
): Promise<VersionRow | undefined> {
  const row = await db
    .selectFrom('agreement_versions')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row ? toVersionRow(row) : undefined;
}

/** Every version of a group's agreement, newest first, with who proposed it and why. */
export async function listVersions(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('agreement_versions as v')
    .leftJoin('agreement_proposals as p', 'p.id', 'v.proposal_id')
    .leftJoin('users as u', 'u.id', 'p.proposer_id')
    .select([
      'v.number',
      'v.created_at',
      'v.proposal_id',
      'p.reason',
      'p.kind',
      'u.display_name as proposer_name',
    ])
    .where('v.group_id', '=', groupId)
    .orderBy('v.number', 'desc')
    .execute();
}

export async function insertVersion(db: Kysely<Database>, row: VersionRow): Promise<void> {
  await db
    .insertInto('agreement_versions')
    .values({ ...row, items: JSON.stringify(row.items) })
    .execute();
}

export async function findAcknowledgement(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
): Promise<AgreementAcknowledgementsTable | undefined> {
  return db
    .selectFrom('agreement_acknowledgements')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Records that a member accepts this version (replacing any earlier acknowledgement). */
export async function upsertAcknowledgement(
  db: Kysely<Database>,
  row: AgreementAcknowledgementsTable,
): Promise<void> {
  await db
    .insertInto('agreement_acknowledgements')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['group_id', 'user_id']).doUpdateSet({
        version_number: row.version_number,
        acknowledged_at: row.acknowledged_at,
      }),
    )
    .execute();
}

/** Each current member with the version they last acknowledged (null for none). */
export async function listMemberAcknowledgements(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('agreement_acknowledgements as a', (join) =>
      join.onRef('a.group_id', '=', 'm.group_id').onRef('a.user_id', '=', 'm.user_id'),
    )
    .select(['m.user_id', 'u.display_name', 'a.version_number', 'a.acknowledged_at'])
    .where('m.group_id', '=', groupId)
    .orderBy('u.display_name')
    .execute();
}
