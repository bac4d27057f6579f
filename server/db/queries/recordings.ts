/** SQL for recordings of the call: each person's track and its slices (migration 020). */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, RecordingTracksTable } from '../tables';

export interface TrackKey {
  meeting_id: string;
  recording_id: string;
  user_id: string;
}

export type TrackRow = Selectable<RecordingTracksTable>;

const byKey = <T extends TrackKey>(key: T) =>
  ({
    meeting_id: key.meeting_id,
    recording_id: key.recording_id,
    user_id: key.user_id,
  }) satisfies TrackKey;

export async function findTrack(
  db: Kysely<Database>,
  key: TrackKey,
): Promise<TrackRow | undefined> {
  const k = byKey(key);
  return db
    .selectFrom('recording_tracks')
    .selectAll()
    .where((eb) => eb.and(k))
    .executeTakeFirst();
}

/** Makes the track the first time a slice of it arrives (a second maker changes nothing). */
export async function ensureTrack(
  db: Kysely<Database>,
  row: TrackKey & { group_id: string; started_at: string; updated_at: string },
): Promise<void> {
  await db
    .insertInto('recording_tracks')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_id', 'recording_id', 'user_id']).doNothing())
    .execute();
}

/** Stores a slice unless one with its number is there already; true when it was stored. */
export async function insertSlice(
  db: Kysely<Database>,
  row: TrackKey & { seq: number; data: Uint8Array; received_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('recording_slices')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_id', 'recording_id', 'user_id', 'seq']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The bytes of one slice, if it arrived. */
export async function findSliceData(
  db: Kysely<Database>,
  key: TrackKey & { seq: number },
): Promise<Uint8Array | undefined> {
  const k = byKey(key);
  const row = await db
    .selectFrom('recording_slices')
    .select('data')
    .where((eb) => eb.and(k))
    .where('seq', '=', key.seq)
    .executeTakeFirst();
  return row?.data;
}

/** Counts a slice that arrived into its track. */
export async function countSlice(
  db: Kysely<Database>,
  key: TrackKey,
  bytes: number,
  at: string,
): Promise<void> {
  const k = byKey(key);
  await db
    .updateTable('recording_tracks')
    .set({
      slices: sql`slices + 1`,
      bytes: sql`bytes + ${bytes}`,
      updated_at: at,
    })
    .where((eb) => eb.and(k))
    .execute();
}

/** Every track of a meeting's recordings. */
export async function listTracks(db: Kysely<Database>, meetingId: string): Promise<TrackRow[]> {
  return db
    .selectFrom('recording_tracks')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('recording_id')
    .orderBy('user_id')
    .execute();
}

/** A page of a track's slices in order, from the slice numbered `from` on. */
export async function slicePage(
  db: Kysely<Database>,
  key: TrackKey,
  from: number,
  limit: number,
): Promise<{ seq: number; data: Uint8Array }[]> {
  const k = byKey(key);
  return db
    .selectFrom('recording_slices')
    .select(['seq', 'data'])
    .where((eb) => eb.and(k))
    .where('seq', '>=', from)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Erases a track's slices and marks it erased, so slices still waiting are refused. */
export async function eraseTrack(
  db: Kysely<Database>,
  key: TrackKey & { group_id: string; started_at: string },
  at: string,
): Promise<void> {
  const k = byKey(key);
  await db
    .deleteFrom('recording_slices')
    .where((eb) => eb.and(k))
    .execute();
  await db
    .insertInto('recording_tracks')
    .values({ ...k, group_id: key.group_id, started_at: key.started_at, updated_at: at })
    .onConflict((oc) => oc.columns(['meeting_id', 'recording_id', 'user_id']).doNothing())
    .execute();
  await db
    .updateTable('recording_tracks')
    .set({ slices: 0, bytes: 0, erased_at: at, updated_at: at })
    .where((eb) => eb.and(k))
    .execute();
}

/** Erases every track of a person (their account is being erased): slices gone, tracks marked. */
export async function eraseTracksOf(
  db: Kysely<Database>,
  userId: string,
  at: string,
): Promise<void> {
  await db.deleteFrom('recording_slices').where('user_id', '=', userId).execute();
  await db
    .updateTable('recording_tracks')
    .set({ slices: 0, bytes: 0, erased_at: at, updated_at: at })
    .where('user_id', '=', userId)
    .where('erased_at', 'is', null)
    .execute();
}

/** A person's own tracks that still hold something, newest first, with where they were made. */
export async function listTracksOf(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('recording_tracks as t')
    .innerJoin('meetings as m', 'm.id', 't.meeting_id')
    .innerJoin('groups as g', 'g.id', 't.group_id')
    .select([
      't.meeting_id',
      't.recording_id',
      't.started_at',
      't.slices',
      't.bytes',
      'g.name as group_name',
    ])
    .where('t.user_id', '=', userId)
    .where('t.erased_at', 'is', null)
    .orderBy('t.started_at', 'desc')
    .limit(200)
    .execute();
}

/** Tracks of groups keeping recordings `days` days whose recording started before `before`. */
export async function tracksPastRetention(
  db: Kysely<Database>,
  days: number,
  before: string,
  limit: number,
): Promise<TrackKey[]> {
  return db
    .selectFrom('recording_tracks as t')
    .innerJoin('groups as g', 'g.id', 't.group_id')
    .select(['t.meeting_id', 't.recording_id', 't.user_id'])
    .where('g.recording_retention_days', '=', days)
    .where('t.started_at', '<', before)
    .limit(limit)
    .execute();
}

/** Forgets tracks (and their slices, by the foreign key). */
export async function deleteTracks(db: Kysely<Database>, keys: TrackKey[]): Promise<void> {
  for (const key of keys) {
    const k = byKey(key);
    await db
      .deleteFrom('recording_tracks')
      .where((eb) => eb.and(k))
      .execute();
  }
}
