/** SQL for applications to closed groups. */
import type { Kysely, Selectable } from 'kysely';
import { parseColumn, storedAnswers } from '../jsonColumns';
import type { ApplicationStatus, ApplicationsTable, Database } from '../tables';

/** An application with its answers parsed. */
export type ApplicationRow = Omit<Selectable<ApplicationsTable>, 'answers'> & {
  answers: Record<string, string>;
};

function toApplicationRow<T extends Selectable<ApplicationsTable>>(
  row: T,
): Omit<T, 'answers'> & ApplicationRow {
  return { ...row, answers: parseColumn(storedAnswers, row.answers, 'applications.answers') };
}

export async function insertApplication(db: Kysely<Database>, row: ApplicationRow): Promise<void> {
  await db
    .insertInto('applications')
    .values({ ...row, answers: JSON.stringify(row.answers) })
    .execute();
}

/** Applications with their group's name, the shape every application view starts from. */
function withGroupName(db: Kysely<Database>) {
  return db
    .selectFrom('applications')
    .innerJoin('groups', 'groups.id', 'applications.group_id')
    .selectAll('applications')
    .select('groups.name as group_name');
}

export async function findApplication(db: Kysely<Database>, id: string) {
  const row = await withGroupName(db).where('applications.id', '=', id).executeTakeFirst();
  return row ? toApplicationRow(row) : undefined;
}

/** The person's application to the group that is still in play (pending or waitlisted). */
export async function findLiveApplication(db: Kysely<Database>, groupId: string, userId: string) {
  const row = await withGroupName(db)
    .where('applications.group_id', '=', groupId)
    .where('applications.user_id', '=', userId)
    .where('applications.status', 'in', ['pending', 'waitlisted'])
    .executeTakeFirst();
  return row ? toApplicationRow(row) : undefined;
}

/** The person's latest application to the group, whatever became of it. */
export async function findLatestApplication(db: Kysely<Database>, groupId: string, userId: string) {
  const row = await withGroupName(db)
    .where('applications.group_id', '=', groupId)
    .where('applications.user_id', '=', userId)
    .orderBy('applications.created_at', 'desc')
    .orderBy('applications.id', 'desc')
    .executeTakeFirst();
  return row ? toApplicationRow(row) : undefined;
}

export async function listApplicationsOfUser(db: Kysely<Database>, userId: string) {
  const rows = await withGroupName(db)
    .where('applications.user_id', '=', userId)
    .orderBy('applications.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toApplicationRow);
}

/** Applications waiting for a steward (pending first, then waitlisted), oldest first. */
export async function listApplicationsToReview(db: Kysely<Database>, groupId: string) {
  const rows = await db
    .selectFrom('applications')
    .innerJoin('users', 'users.id', 'applications.user_id')
    .innerJoin('groups', 'groups.id', 'applications.group_id')
    .selectAll('applications')
    .select(['users.display_name', 'groups.name as group_name'])
    .where('applications.group_id', '=', groupId)
    .where('applications.status', 'in', ['pending', 'waitlisted'])
    .orderBy('applications.status')
    .orderBy('applications.created_at')
    .limit(200)
    .execute();
  return rows.map(toApplicationRow);
}

/** The answers current members gave when they applied (for the group's mix). */
export async function listMemberAnswers(
  db: Kysely<Database>,
  groupId: string,
): Promise<Record<string, string>[]> {
  const rows = await db
    .selectFrom('memberships')
    .leftJoin('applications', (join) =>
      join
        .onRef('applications.group_id', '=', 'memberships.group_id')
        .onRef('applications.user_id', '=', 'memberships.user_id')
        .on('applications.status', '=', 'accepted'),
    )
    .select(['memberships.user_id', 'applications.answers'])
    .where('memberships.group_id', '=', groupId)
    .execute();
  return rows.map((r) =>
    r.answers ? parseColumn(storedAnswers, r.answers, 'applications.answers') : {},
  );
}

export async function setApplicationStatus(
  db: Kysely<Database>,
  id: string,
  change: {
    status: ApplicationStatus;
    message?: string | null;
    closed_reason?: ApplicationRow['closed_reason'];
    decided_at: string;
    decided_by: string | null;
  },
): Promise<void> {
  await db.updateTable('applications').set(change).where('id', '=', id).execute();
}

/** When a group adjourns, the applications still waiting are closed by Hearth. */
export async function closeApplicationsOfGroup(
  db: Kysely<Database>,
  groupId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('applications')
    .set({ status: 'declined', closed_reason: 'group_adjourned', decided_at: at })
    .where('group_id', '=', groupId)
    .where('status', 'in', ['pending', 'waitlisted'])
    .execute();
}
