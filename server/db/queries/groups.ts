/** SQL for groups: the row itself, the directory, a person's groups, and the group lock. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Question } from '../../../core/domain/joining';
import { inDirectory, type Stage } from '../../../core/domain/lifecycle';
import type { AgendaPhase } from '../../../core/domain/liveTemplates';
import type { VenueKind } from '../../../core/domain/meetings';
import { likePattern } from '../dialect';
import { parseColumn, storedAgenda, storedQuestionnaire } from '../jsonColumns';
import type { Database, GroupsTable } from '../tables';

/** A group as the code sees it: its JSON columns already parsed. */
export type GroupRow = Omit<Selectable<GroupsTable>, 'questionnaire' | 'session_agenda'> & {
  questionnaire: Question[];
  session_agenda: AgendaPhase[] | null;
};

export interface GroupWithCount extends GroupRow {
  member_count: number;
  waitlist_length: number;
  /** The next scheduled meeting's start (UTC), if any. */
  next_meeting_at: string | null;
}
export interface GroupForViewer extends GroupWithCount {
  my_role: 'steward' | 'member' | null;
}

function toGroupRow<T extends Selectable<GroupsTable>>(
  row: T,
): Omit<T, 'questionnaire' | 'session_agenda'> & GroupRow {
  return {
    ...row,
    questionnaire: row.questionnaire
      ? parseColumn(storedQuestionnaire, row.questionnaire, 'groups.questionnaire')
      : [],
    session_agenda: row.session_agenda
      ? parseColumn(storedAgenda, row.session_agenda, 'groups.session_agenda')
      : null,
  };
}

const memberCount = sql<number>`(select count(*) from memberships m where m.group_id = groups.id)`;
const waitlistLength = sql<number>`(select count(*) from waitlist w where w.group_id = groups.id)`;
/** Correlated on the meetings (group_id, starts_at) index: one seek per group shown. */
const nextMeetingAt = (now: string) =>
  sql<
    string | null
  >`(select min(n.starts_at) from meetings n where n.group_id = groups.id and n.status = 'scheduled' and n.starts_at > ${now})`;

/** The counts every group view needs, as one select list. */
function counted(now: string) {
  return [
    memberCount.as('member_count'),
    waitlistLength.as('waitlist_length'),
    nextMeetingAt(now).as('next_meeting_at'),
  ] as const;
}

function withNumbers<
  T extends Selectable<GroupsTable> & { member_count: number; waitlist_length: number },
>(row: T) {
  return {
    ...toGroupRow(row),
    member_count: Number(row.member_count),
    waitlist_length: Number(row.waitlist_length),
  };
}

export async function findGroup(db: Kysely<Database>, id: string): Promise<GroupRow | undefined> {
  const row = await db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toGroupRow(row) : undefined;
}

export type NewGroup = Omit<
  GroupRow,
  | 'session_template'
  | 'session_agenda'
  | 'members_propose_small_groups'
  | 'recording_retention_days'
> & { members_propose_small_groups?: number; recording_retention_days?: number };

export async function insertGroup(db: Kysely<Database>, group: NewGroup): Promise<void> {
  await db
    .insertInto('groups')
    .values({
      ...group,
      questionnaire: JSON.stringify(group.questionnaire),
      session_template: null,
      session_agenda: null,
    })
    .execute();
}

/**
 * Takes the group's row lock for the rest of the transaction (PostgreSQL), and on SQLite
 * starts the write at once, so changes to one group happen one after another. Returns the
 * group as it stands under the lock, or undefined when there is no such group.
 */
export async function lockGroup(
  db: Kysely<Database>,
  id: string,
  now: string,
): Promise<GroupRow | undefined> {
  const row = await db
    .updateTable('groups')
    .set({ updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toGroupRow(row) : undefined;
}

export interface DirectoryFilter {
  q?: string | undefined;
  format?: VenueKind | undefined;
  /** "open": groups anyone may join; "application": closed groups. */
  joining?: 'open' | 'application' | undefined;
  language?: string | undefined;
  tag?: string | undefined;
  /** Only groups with a seat free. */
  seatsAvailable?: boolean | undefined;
  /** Return groups with ids below this one (ids are time-ordered UUIDv7: newest first). */
  beforeId?: string | undefined;
  limit: number;
  viewerId: string | null;
  now: string;
}

/**
 * The directory: open and closed groups that have not adjourned, newest first, filtered.
 * Invite-only groups never appear, matching the policy that they are invisible to
 * non-members. The plan (docs/PERFORMANCE.md) walks a partial index newest first and stops
 * at the page size; the counts are seeks on their own indexes, for the page's rows only.
 */
export function directoryQuery(db: Kysely<Database>, filter: DirectoryFilter) {
  let query = db
    .selectFrom('groups')
    .leftJoin('memberships as mine', (join) =>
      join.onRef('mine.group_id', '=', 'groups.id').on('mine.user_id', '=', filter.viewerId ?? ''),
    )
    .selectAll('groups')
    .select([...counted(filter.now), 'mine.role as my_role'])
    .where('groups.listed_at', 'is not', null);
  if (filter.joining) {
    query = query.where('groups.visibility', '=', filter.joining === 'open' ? 'open' : 'closed');
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(groups.name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(groups.purpose, '')) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(groups.area, '')) like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (filter.format) query = query.where('groups.format', '=', filter.format);
  if (filter.language) query = query.where('groups.language', '=', filter.language);
  if (filter.tag) {
    const tag = filter.tag;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_tags')
          .select('group_tags.group_id')
          .whereRef('group_tags.group_id', '=', 'groups.id')
          .where('group_tags.tag', '=', tag),
      ),
    );
  }
  if (filter.seatsAvailable) query = query.where(sql<boolean>`${memberCount} < groups.size_cap`);
  if (filter.beforeId) query = query.where('groups.id', '<', filter.beforeId);
  return query.orderBy('groups.id', 'desc').limit(filter.limit);
}

export async function listDirectory(
  db: Kysely<Database>,
  filter: DirectoryFilter,
): Promise<GroupForViewer[]> {
  const rows = await directoryQuery(db, filter).execute();
  return rows.map(withNumbers);
}

/** The groups a person belongs to, most recently joined first. */
export async function listGroupsOfUser(
  db: Kysely<Database>,
  userId: string,
  now: string,
): Promise<GroupForViewer[]> {
  const rows = await db
    .selectFrom('memberships as mine')
    .innerJoin('groups', 'groups.id', 'mine.group_id')
    .selectAll('groups')
    .select([...counted(now), 'mine.role as my_role'])
    .where('mine.user_id', '=', userId)
    .orderBy('mine.joined_at', 'desc')
    .execute();
  return rows.map(withNumbers);
}

/** What a steward or Hearth itself may change on a group's row. */
export type GroupPatch = Partial<
  Pick<
    GroupRow,
    | 'name'
    | 'description'
    | 'visibility'
    | 'size_cap'
    | 'format'
    | 'area'
    | 'language'
    | 'joining_criteria'
    | 'questionnaire'
    | 'planned_meetings'
    | 'review_at'
    | 'session_agenda'
    | 'session_template'
    | 'members_propose_small_groups'
    | 'recording_retention_days'
    | 'time_zone'
    | 'meeting_minutes'
    | 'lateness_policy'
    | 'purpose'
    | 'purpose_asked_at'
    | 'updated_at'
  >
>;

export async function updateGroup(
  db: Kysely<Database>,
  groupId: string,
  patch: GroupPatch,
): Promise<void> {
  const { questionnaire, session_agenda, ...plain } = patch;
  const row = {
    ...plain,
    ...(questionnaire !== undefined ? { questionnaire: JSON.stringify(questionnaire) } : {}),
    ...(session_agenda !== undefined
      ? { session_agenda: session_agenda ? JSON.stringify(session_agenda) : null }
      : {}),
  };
  if (Object.keys(row).length === 0) return;
  await db.updateTable('groups').set(row).where('id', '=', groupId).execute();
}

/** Moves the group to a stage, and keeps `listed_at` true to the rule. */
export async function setStage(
  db: Kysely<Database>,
  groupId: string,
  stage: Stage,
  at: string,
): Promise<void> {
  await db
    .updateTable('groups')
    .set({ stage, stage_changed_at: at })
    .where('id', '=', groupId)
    .execute();
  await refreshListing(db, groupId, at);
}

/** Keeps `listed_at` true to the rule: open or closed, and not adjourned. Call after either changes. */
export async function refreshListing(
  db: Kysely<Database>,
  groupId: string,
  at: string,
): Promise<void> {
  const group = await db
    .selectFrom('groups')
    .select(['visibility', 'stage', 'listed_at'])
    .where('id', '=', groupId)
    .executeTakeFirst();
  if (!group) return;
  const listed = inDirectory(group.visibility, group.stage);
  if (listed === (group.listed_at !== null)) return;
  await db
    .updateTable('groups')
    .set({ listed_at: listed ? at : null })
    .where('id', '=', groupId)
    .execute();
}
