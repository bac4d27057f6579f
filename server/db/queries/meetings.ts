/** SQL for meetings, their series, RSVPs and attendance. */
import type { Kysely, Selectable } from 'kysely';
import type {
  AttendanceTable,
  Database,
  MeetingSeriesTable,
  MeetingsTable,
  RsvpsTable,
} from '../tables';

export type MeetingRow = Selectable<MeetingsTable>;
export interface MeetingWithGroup extends MeetingRow {
  group_name: string;
}

export async function insertSeries(db: Kysely<Database>, row: MeetingSeriesTable): Promise<void> {
  await db.insertInto('meeting_series').values(row).execute();
}

export async function insertMeetings(db: Kysely<Database>, rows: MeetingRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('meetings').values(rows).execute();
}

export async function findMeeting(
  db: Kysely<Database>,
  id: string,
): Promise<MeetingWithGroup | undefined> {
  return db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .selectAll('meetings')
    .select('groups.name as group_name')
    .where('meetings.id', '=', id)
    .executeTakeFirst();
}

export async function updateMeeting(
  db: Kysely<Database>,
  id: string,
  patch: Partial<Omit<MeetingRow, 'id' | 'group_id'>>,
): Promise<void> {
  await db.updateTable('meetings').set(patch).where('id', '=', id).execute();
}

/** A group's meetings starting in [from, to), in time order (bounded by `limit`). */
export async function listGroupMeetings(
  db: Kysely<Database>,
  groupId: string,
  range: { from?: string; to?: string; order: 'asc' | 'desc'; limit: number },
): Promise<MeetingWithGroup[]> {
  let query = db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .selectAll('meetings')
    .select('groups.name as group_name')
    .where('meetings.group_id', '=', groupId);
  if (range.from) query = query.where('meetings.starts_at', '>=', range.from);
  if (range.to) query = query.where('meetings.starts_at', '<', range.to);
  return query
    .orderBy('meetings.starts_at', range.order)
    .orderBy('meetings.id', range.order)
    .limit(range.limit)
    .execute();
}

/** Meetings of every group a person belongs to, starting in [from, to), in time order. */
export async function listMeetingsOfUser(
  db: Kysely<Database>,
  userId: string,
  range: { from: string; to?: string; limit: number },
): Promise<MeetingWithGroup[]> {
  let query = db
    .selectFrom('meetings')
    .innerJoin('memberships', 'memberships.group_id', 'meetings.group_id')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .selectAll('meetings')
    .select('groups.name as group_name')
    .where('memberships.user_id', '=', userId)
    .where('meetings.starts_at', '>=', range.from);
  if (range.to) query = query.where('meetings.starts_at', '<', range.to);
  return query.orderBy('meetings.starts_at', 'asc').limit(range.limit).execute();
}

/** Scheduled meetings starting in [from, to), for reminders. */
export async function listMeetingsStarting(
  db: Kysely<Database>,
  from: string,
  to: string,
): Promise<MeetingWithGroup[]> {
  return db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.group_id')
    .selectAll('meetings')
    .select('groups.name as group_name')
    .where('meetings.status', '=', 'scheduled')
    .where('meetings.starts_at', '>=', from)
    .where('meetings.starts_at', '<', to)
    .orderBy('meetings.starts_at')
    .limit(500)
    .execute();
}

// ---- RSVPs and attendance ---------------------------------------------------------------

export async function upsertRsvp(db: Kysely<Database>, row: RsvpsTable): Promise<void> {
  await db
    .insertInto('rsvps')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'user_id']).doUpdateSet({
        response: row.response,
        note: row.note,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function findRsvp(
  db: Kysely<Database>,
  meetingId: string,
  userId: string,
): Promise<RsvpsTable | undefined> {
  return db
    .selectFrom('rsvps')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function listRsvps(
  db: Kysely<Database>,
  meetingIds: readonly string[],
): Promise<RsvpsTable[]> {
  if (meetingIds.length === 0) return [];
  return db.selectFrom('rsvps').selectAll().where('meeting_id', 'in', meetingIds).execute();
}

export async function upsertAttendance(db: Kysely<Database>, row: AttendanceTable): Promise<void> {
  await db
    .insertInto('attendance')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'user_id']).doUpdateSet({
        status: row.status,
        arrived_at: row.arrived_at,
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at,
      }),
    )
    .execute();
}

export async function listAttendance(
  db: Kysely<Database>,
  meetingId: string,
): Promise<AttendanceTable[]> {
  return db.selectFrom('attendance').selectAll().where('meeting_id', '=', meetingId).execute();
}

/** Every attendance record of a group's meetings held before `before`, with the start time. */
export async function listGroupAttendance(
  db: Kysely<Database>,
  groupId: string,
  before: string,
): Promise<(AttendanceTable & { starts_at: string })[]> {
  return db
    .selectFrom('attendance')
    .innerJoin('meetings', 'meetings.id', 'attendance.meeting_id')
    .selectAll('attendance')
    .select('meetings.starts_at')
    .where('meetings.group_id', '=', groupId)
    .where('meetings.status', '=', 'scheduled')
    .where('meetings.starts_at', '<', before)
    .execute();
}

/** Meetings of a group held before `before` that have any attendance recorded. */
export async function countRecordedMeetings(
  db: Kysely<Database>,
  groupId: string,
  before: string,
): Promise<number> {
  const row = await db
    .selectFrom('meetings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', groupId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '<', before)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('attendance')
          .select('attendance.meeting_id')
          .whereRef('attendance.meeting_id', '=', 'meetings.id'),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Meetings that have started and were not cancelled, as of `now`. */
export async function countMeetingsHeld(
  db: Kysely<Database>,
  groupId: string,
  now: string,
): Promise<number> {
  const row = await db
    .selectFrom('meetings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', groupId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Groups with a meeting that started in (after, upTo]: their stage may need to move on. */
export async function listGroupsWithMeetingsStarted(
  db: Kysely<Database>,
  after: string,
  upTo: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('meetings')
    .select('group_id')
    .distinct()
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', after)
    .where('starts_at', '<=', upTo)
    .execute();
  return rows.map((r) => r.group_id);
}

/** The latest schedule's rule, for describing how often the group meets. */
export async function findLatestSeries(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('meeting_series')
    .select(['rrule', 'planned_count'])
    .where('group_id', '=', groupId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function listUpcomingStarts(
  db: Kysely<Database>,
  groupId: string,
  now: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('meetings')
    .select('starts_at')
    .where('group_id', '=', groupId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.starts_at);
}

/** Which of these start times a group already has a scheduled meeting at. */
export async function listScheduledAt(
  db: Kysely<Database>,
  groupId: string,
  starts: readonly string[],
): Promise<string[]> {
  if (starts.length === 0) return [];
  const rows = await db
    .selectFrom('meetings')
    .select('starts_at')
    .where('group_id', '=', groupId)
    .where('status', '=', 'scheduled')
    .where('starts_at', 'in', starts)
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => r.starts_at);
}

/** Records someone's arrival at a live session, unless their attendance is already recorded. */
export async function recordArrival(
  db: Kysely<Database>,
  row: { meeting_id: string; user_id: string; arrived_at: string },
): Promise<void> {
  await db
    .insertInto('attendance')
    .values({
      ...row,
      status: 'present',
      recorded_by: row.user_id,
      recorded_at: row.arrived_at,
    })
    .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
    .execute();
}

/** Cancels every scheduled meeting from `at` on, saying why (a group that adjourned). */
export async function cancelMeetingsAhead(
  db: Kysely<Database>,
  groupId: string,
  at: string,
  reason: 'group_adjourned',
): Promise<void> {
  await db
    .updateTable('meetings')
    .set((eb) => ({
      status: 'cancelled',
      cancel_reason: reason,
      sequence: eb('sequence', '+', 1),
      updated_at: at,
    }))
    .where('group_id', '=', groupId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>=', at)
    .execute();
}
