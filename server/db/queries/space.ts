/**
 * SQL for the members' space. `spaceAccess` is the one rule, in SQL, for who may read which
 * space: every read of threads, posts, search results, notices, digests and exports goes
 * through it (and test/integration/spaceVisibility.test.ts holds it to the policy).
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { SpaceName, ThreadVolume, WarmResponse } from '../../../core/domain/space';
import { isPostgres } from '../dialect';
import type {
  Database,
  SpaceLanguageTable,
  SpacePostsTable,
  SpaceReportsTable,
  SpaceThreadsTable,
} from '../tables';

export type ThreadRow = Selectable<SpaceThreadsTable>;

/** The name of whoever wrote the thread (`t`) or post (`p`) of a query. */
const authorName = (table: 't' | 'p') =>
  sql<
    string | null
  >`(select display_name from users where users.id = ${sql.ref(`${table}.author_id`)})`.as(
    'author_name',
  );
export type PostRow = Selectable<SpacePostsTable>;

/**
 * Every (person, group, space) that may be read: a member or steward reads both of their
 * group's spaces; someone in a staff role reads only its `everyone` space. Filter it by
 * person (what may I read?) or by group and space (who may read this?).
 */
export function spaceAccess(db: Kysely<Database>) {
  return db
    .selectFrom('memberships')
    .select(['user_id', 'group_id', sql<SpaceName>`'everyone'`.as('space')])
    .unionAll(
      db
        .selectFrom('memberships')
        .select(['user_id', 'group_id', sql<SpaceName>`'peers'`.as('space')]),
    )
    .unionAll(
      db
        .selectFrom('group_staff')
        .select(['user_id', 'group_id', sql<SpaceName>`'everyone'`.as('space')]),
    );
}

/** The threads this person may read, as `t`, with their place (`r`) if they have one. */
function readableThreads(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('space_threads as t')
    .innerJoin(spaceAccess(db).as('a'), (join) =>
      join
        .onRef('a.group_id', '=', 't.group_id')
        .onRef('a.space', '=', 't.space')
        .on('a.user_id', '=', userId),
    )
    .leftJoin('space_reads as r', (join) =>
      join.onRef('r.thread_id', '=', 't.id').on('r.user_id', '=', userId),
    );
}

export interface ThreadForReader extends ThreadRow {
  author_name: string | null;
  last_read_seq: number;
  volume: ThreadVolume;
}

const threadColumns = [
  't.id',
  't.group_id',
  't.space',
  't.kind',
  't.wants',
  't.title',
  't.author_id',
  't.created_at',
  't.last_seq',
  't.last_post_at',
  't.reply_count',
  't.answered',
  authorName('t'),
  sql<number>`coalesce(r.last_read_seq, 0)`.as('last_read_seq'),
  sql<ThreadVolume>`coalesce(r.volume, 'normal')`.as('volume'),
] as const;

/** A page of a space's threads, most recently active first; `before` continues a page. */
export async function listThreads(
  db: Kysely<Database>,
  userId: string,
  where: { groupId: string; space: SpaceName; before?: { at: string; id: string }; limit: number },
): Promise<ThreadForReader[]> {
  let query = readableThreads(db, userId)
    .select(threadColumns)
    .where('t.group_id', '=', where.groupId)
    .where('t.space', '=', where.space);
  const { before } = where;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('t.last_post_at', '<', before.at),
        eb.and([eb('t.last_post_at', '=', before.at), eb('t.id', '<', before.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('t.last_post_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(where.limit)
    .execute();
  return rows.map(toThread);
}

function toThread<T extends { last_read_seq: unknown; reply_count: unknown; answered: unknown }>(
  row: T,
): T & { last_read_seq: number; reply_count: number; answered: number } {
  return {
    ...row,
    last_read_seq: Number(row.last_read_seq),
    reply_count: Number(row.reply_count),
    answered: Number(row.answered),
  };
}

/** The thread a post is in. */
export async function findPostThreadId(
  db: Kysely<Database>,
  postId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('space_posts')
    .select('thread_id')
    .where('id', '=', postId)
    .executeTakeFirst();
  return row?.thread_id;
}

/** Where a post lives: its thread and the thread's place. */
export async function findPostPlace(db: Kysely<Database>, postId: string) {
  return db
    .selectFrom('space_posts as p')
    .innerJoin('space_threads as t', 't.id', 'p.thread_id')
    .select([
      'p.id',
      'p.thread_id',
      'p.group_id',
      'p.seq',
      'p.author_id',
      'p.body',
      'p.content_note',
      'p.deleted_at',
      'p.hidden_at',
      'p.helped_at',
      'p.second_look_at',
      't.space',
      't.author_id as thread_author_id',
      't.kind as thread_kind',
      't.title as thread_title',
    ])
    .where('p.id', '=', postId)
    .executeTakeFirst();
}

export interface PostForReader extends PostRow {
  author_name: string | null;
}

/** A thread's posts in order, from `afterSeq` on (0: all of them). */
export async function listPosts(
  db: Kysely<Database>,
  threadId: string,
  afterSeq = 0,
  limit = 500,
): Promise<PostForReader[]> {
  return db
    .selectFrom('space_posts as p')
    .selectAll('p')
    .select(authorName('p'))
    .where('p.thread_id', '=', threadId)
    .where('p.seq', '>', afterSeq)
    .orderBy('p.seq')
    .limit(limit)
    .execute();
}

export interface ThreadWithAuthor extends ThreadRow {
  author_name: string | null;
}

/** A thread with its author's name, whoever asks (the cache keeps it for every reader). */
export async function findThreadWithAuthor(
  db: Kysely<Database>,
  threadId: string,
): Promise<ThreadWithAuthor | undefined> {
  const row = await db
    .selectFrom('space_threads as t')
    .selectAll('t')
    .select(authorName('t'))
    .where('t.id', '=', threadId)
    .executeTakeFirst();
  return (
    row && {
      ...row,
      last_seq: Number(row.last_seq),
      reply_count: Number(row.reply_count),
      answered: Number(row.answered),
    }
  );
}

/** One person's place and volume in a thread; the defaults when they have none. */
export async function findPlace(
  db: Kysely<Database>,
  userId: string,
  threadId: string,
): Promise<{ last_read_seq: number; volume: ThreadVolume }> {
  const row = await db
    .selectFrom('space_reads')
    .select(['last_read_seq', 'volume'])
    .where('user_id', '=', userId)
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
  return { last_read_seq: Number(row?.last_read_seq ?? 0), volume: row?.volume ?? 'normal' };
}

export type WarmthRow = Awaited<ReturnType<typeof listWarmth>>[number];

/** Who sent which warm response to these posts, with names, oldest first. */
export async function listWarmth(db: Kysely<Database>, postIds: readonly string[]) {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('space_warmth as w')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .select(['w.post_id', 'w.user_id', 'w.kind', 'u.display_name'])
    .where('w.post_id', 'in', postIds)
    .orderBy('w.created_at')
    .orderBy('u.display_name')
    .execute();
}

/** A group, or a post, as one token in the SQLite search index: letters and digits only. */
export const searchKey = (prefix: 'g' | 'p', id: string) =>
  `${prefix}${id.replace(/[^A-Za-z0-9]/g, '')}`;

/**
 * Keeps the search index in step with a post's words (SQLite; PostgreSQL's is generated).
 * A post's earlier entry is found by its own token (an unindexed column would mean reading
 * the whole index); a new post has none.
 */
async function indexPost(
  db: Kysely<Database>,
  post: { id: string; group_id: string },
  text: string | null,
  fresh = false,
): Promise<void> {
  if (isPostgres(db)) return;
  const key = searchKey('p', post.id);
  if (!fresh) {
    await sql`delete from space_search where rowid in (select rowid from space_search
      where space_search match ${`post_key : "${key}"`})`.execute(db);
  }
  if (text) {
    await sql`insert into space_search (post_id, post_key, group_key, text)
      values (${post.id}, ${key}, ${searchKey('g', post.group_id)}, ${text})`.execute(db);
  }
}

export async function insertThread(
  db: Kysely<Database>,
  thread: Omit<ThreadRow, 'reply_count' | 'answered'>,
  post: Omit<PostRow, 'seq' | 'thread_id' | 'group_id'>,
): Promise<void> {
  await db.insertInto('space_threads').values(thread).execute();
  const row = { ...post, seq: 1, thread_id: thread.id, group_id: thread.group_id };
  await db.insertInto('space_posts').values(row).execute();
  await indexPost(db, row, `${thread.title}\n${post.body}`, true);
}

/** Adds a reply as the thread's next post; returns its sequence number. */
export async function insertReply(
  db: Kysely<Database>,
  threadId: string,
  post: Omit<PostRow, 'seq' | 'thread_id'>,
): Promise<number> {
  const thread = await db
    .updateTable('space_threads')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      reply_count: eb('reply_count', '+', 1),
      last_post_at: post.created_at,
    }))
    .where('id', '=', threadId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const seq = Number(thread.last_seq);
  await db
    .insertInto('space_posts')
    .values({ ...post, seq, thread_id: threadId })
    .execute();
  await indexPost(db, post, post.body, true);
  return seq;
}

/** Changes a post's words, keeping what it said before in its history. */
export async function updatePostBody(
  db: Kysely<Database>,
  post: { id: string; group_id: string; seq: number; thread_id: string },
  change: { body: string; body_html: string; content_note: string | null; at: string },
  before: { body: string; content_note: string | null },
  title?: string,
): Promise<void> {
  await db
    .insertInto('space_post_versions')
    .values({ post_id: post.id, ...before, replaced_at: change.at })
    .execute();
  await db
    .updateTable('space_posts')
    .set({
      body: change.body,
      body_html: change.body_html,
      content_note: change.content_note,
      edited_at: change.at,
    })
    .where('id', '=', post.id)
    .execute();
  if (title !== undefined) {
    await db.updateTable('space_threads').set({ title }).where('id', '=', post.thread_id).execute();
  }
  await indexPost(db, post, title !== undefined ? `${title}\n${change.body}` : change.body);
}

/** A post its author deleted: its place stays, its words and history go. */
export async function markPostDeleted(
  db: Kysely<Database>,
  post: { id: string; group_id: string },
  at: string,
): Promise<void> {
  await db
    .updateTable('space_posts')
    .set({ deleted_at: at, body: '', body_html: '', content_note: null, helped_at: null })
    .where('id', '=', post.id)
    .execute();
  await db.deleteFrom('space_post_versions').where('post_id', '=', post.id).execute();
  await db.deleteFrom('space_warmth').where('post_id', '=', post.id).execute();
  await indexPost(db, post, null);
}

export async function listPostHistory(db: Kysely<Database>, postId: string) {
  return db
    .selectFrom('space_post_versions')
    .select(['body', 'content_note', 'replaced_at'])
    .where('post_id', '=', postId)
    .orderBy('replaced_at', 'desc')
    .execute();
}

/** Marks a reply as having helped (or not), and whether its question is answered. */
export async function setHelped(
  db: Kysely<Database>,
  post: { id: string; thread_id: string },
  at: string | null,
): Promise<void> {
  await db.updateTable('space_posts').set({ helped_at: at }).where('id', '=', post.id).execute();
  const still = await db
    .selectFrom('space_posts')
    .select('id')
    .where('thread_id', '=', post.thread_id)
    .where('helped_at', 'is not', null)
    .executeTakeFirst();
  await db
    .updateTable('space_threads')
    .set({ answered: still ? 1 : 0 })
    .where('id', '=', post.thread_id)
    .execute();
}

export async function setWarmth(
  db: Kysely<Database>,
  row: { post_id: string; user_id: string; kind: WarmResponse; created_at: string },
  on: boolean,
): Promise<void> {
  if (on) {
    await db
      .insertInto('space_warmth')
      .values(row)
      .onConflict((oc) => oc.columns(['post_id', 'user_id', 'kind']).doNothing())
      .execute();
  } else {
    await db
      .deleteFrom('space_warmth')
      .where('post_id', '=', row.post_id)
      .where('user_id', '=', row.user_id)
      .where('kind', '=', row.kind)
      .execute();
  }
}

/** Moves a person's place in a thread forward (never back) to `seq`. */
export async function advanceRead(
  db: Kysely<Database>,
  userId: string,
  threadId: string,
  seq: number,
  at: string,
): Promise<void> {
  await db
    .insertInto('space_reads')
    .values({ user_id: userId, thread_id: threadId, last_read_seq: seq, read_at: at })
    .onConflict((oc) =>
      oc.columns(['user_id', 'thread_id']).doUpdateSet({
        last_read_seq: sql`case when excluded.last_read_seq > space_reads.last_read_seq
          then excluded.last_read_seq else space_reads.last_read_seq end`,
        read_at: at,
      }),
    )
    .execute();
}

export async function setVolume(
  db: Kysely<Database>,
  userId: string,
  threadId: string,
  volume: ThreadVolume,
): Promise<void> {
  await db
    .insertInto('space_reads')
    .values({ user_id: userId, thread_id: threadId, volume, read_at: null })
    .onConflict((oc) => oc.columns(['user_id', 'thread_id']).doUpdateSet({ volume }))
    .execute();
}

/**
 * Unread posts per group and space for this person: posts after their place in threads they
 * have not muted (a muted thread is quiet everywhere).
 */
export async function countUnread(
  db: Kysely<Database>,
  userId: string,
  groupIds: readonly string[],
): Promise<{ group_id: string; space: SpaceName; threads: number; posts: number }[]> {
  if (groupIds.length === 0) return [];
  const rows = await readableThreads(db, userId)
    .select([
      't.group_id',
      't.space',
      sql<number>`count(*)`.as('threads'),
      sql<number>`sum(t.last_seq - coalesce(r.last_read_seq, 0))`.as('posts'),
    ])
    .where('t.group_id', 'in', groupIds)
    .where(sql<boolean>`t.last_seq > coalesce(r.last_read_seq, 0)`)
    .where(sql<boolean>`coalesce(r.volume, 'normal') <> 'mute'`)
    .groupBy(['t.group_id', 't.space'])
    .execute();
  return rows.map((r) => ({ ...r, threads: Number(r.threads), posts: Number(r.posts) }));
}

/**
 * Who hears of a new post in a thread: readers of its space, except its writer and anyone
 * with an unread notice about it already, whose volume says so. All: every post. Normal (the default): posts in a thread they started or wrote in.
 * Mute: never.
 */
export async function listListeners(
  db: Kysely<Database>,
  thread: { id: string; group_id: string; space: SpaceName },
  writerId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom(spaceAccess(db).as('a'))
    .leftJoin('space_reads as r', (join) =>
      join.onRef('r.user_id', '=', 'a.user_id').on('r.thread_id', '=', thread.id),
    )
    .select('a.user_id')
    .where('a.group_id', '=', thread.group_id)
    .where('a.space', '=', thread.space)
    .where('a.user_id', '<>', writerId)
    // One unread notice per thread is enough: a busy thread does not pile them up.
    .where(
      sql<boolean>`not exists (select 1 from notifications n where n.user_id = a.user_id
        and n.kind = 'space.reply' and n.subject_id = ${thread.id} and n.read_at is null)`,
    )
    .where((eb) =>
      eb.or([
        eb('r.volume', '=', 'all'),
        eb.and([
          eb(sql`coalesce(r.volume, 'normal')`, '=', 'normal'),
          eb.exists(
            db
              .selectFrom('space_posts as p')
              .select('p.id')
              .where('p.thread_id', '=', thread.id)
              .where(sql<boolean>`p.author_id = a.user_id`),
          ),
        ]),
      ]),
    )
    .execute();
  return rows.map((r) => r.user_id);
}

/** Everyone who may read a space (for the live fan-out's check and the tests). */
export async function listReaders(
  db: Kysely<Database>,
  groupId: string,
  space: SpaceName,
): Promise<string[]> {
  const rows = await db
    .selectFrom(spaceAccess(db).as('a'))
    .select('a.user_id')
    .where('a.group_id', '=', groupId)
    .where('a.space', '=', space)
    .execute();
  return rows.map((r) => r.user_id);
}

export interface SearchHit {
  post_id: string;
  thread_id: string;
  seq: number;
  title: string;
  space: SpaceName;
  body: string;
  content_note: string | null;
  author_name: string | null;
  created_at: string;
}

/**
 * Posts in one group this person may read that match the words, newest first. SQLite: FTS5
 * with every word quoted (core/domain/space ftsQuery); PostgreSQL: websearch_to_tsquery,
 * which reads any text safely. Hidden and deleted posts are not found.
 */
export async function searchPosts(
  db: Kysely<Database>,
  userId: string,
  groupId: string,
  words: { fts: string; words: readonly string[] },
  limit = 30,
): Promise<SearchHit[]> {
  const base = readableThreads(db, userId)
    .innerJoin('space_posts as p', 'p.thread_id', 't.id')
    .select([
      'p.id as post_id',
      't.id as thread_id',
      'p.seq',
      't.title',
      't.space',
      'p.body',
      'p.content_note',
      'p.created_at',
      authorName('p'),
    ])
    .where('t.group_id', '=', groupId)
    .where('p.deleted_at', 'is', null)
    .where('p.hidden_at', 'is', null);
  // The last word also matches as the start of a word, as on SQLite ("caf" finds "café").
  const tsquery = sql`(websearch_to_tsquery('simple', ${words.words.slice(0, -1).join(' ')})
    && to_tsquery('simple', quote_literal(${words.words.at(-1) ?? ''}) || ':*'))`;
  const matched = isPostgres(db)
    ? base.where(sql<boolean>`(p.search @@ ${tsquery} or (p.seq = 1 and t.search @@ ${tsquery}))`)
    : base.where(
        'p.id',
        'in',
        // The group's token and the words together, so only the group's posts are read.
        sql<string>`(select post_id from space_search where space_search match ${`group_key : "${searchKey('g', groupId)}" AND text : (${words.fts})`})`,
      );
  const rows = await matched.orderBy('p.created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function insertReport(
  db: Kysely<Database>,
  row: Selectable<SpaceReportsTable>,
): Promise<void> {
  await db.insertInto('space_reports').values(row).execute();
}

/** Reports stewards have not settled, with the post and where it is. */
export async function listOpenReports(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('space_reports as r')
    .innerJoin('space_posts as p', 'p.id', 'r.post_id')
    .innerJoin('space_threads as t', 't.id', 'p.thread_id')
    .select([
      'r.id',
      'r.post_id',
      'r.reason',
      'r.agreement_item',
      'r.note',
      'r.created_at',
      'p.thread_id',
      'p.body',
      'p.body_html',
      'p.content_note',
      'p.hidden_at',
      'p.deleted_at',
      'p.created_at as post_created_at',
      't.title',
      't.space',
      authorName('p'),
    ])
    .where('r.group_id', '=', groupId)
    .where('r.settled_at', 'is', null)
    .orderBy('r.created_at')
    .execute();
}

/** Hidden posts whose authors asked for a second look. */
export async function listSecondLooks(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('space_posts as p')
    .innerJoin('space_threads as t', 't.id', 'p.thread_id')
    .select([
      'p.id',
      'p.thread_id',
      'p.body_html',
      'p.content_note',
      'p.hidden_note',
      'p.second_look_note',
      'p.second_look_at',
      't.title',
      authorName('p'),
    ])
    .where('p.group_id', '=', groupId)
    .where('p.hidden_at', 'is not', null)
    .where('p.second_look_at', 'is not', null)
    .orderBy('p.second_look_at')
    .execute();
}

export async function findReport(db: Kysely<Database>, reportId: string) {
  return db.selectFrom('space_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
}

/** Settles every open report about a post at once (one decision answers them all). */
export async function settleReportsOf(
  db: Kysely<Database>,
  postId: string,
  outcome: 'hidden' | 'kept',
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('space_reports')
    .set({ settled_at: at, outcome })
    .where('post_id', '=', postId)
    .where('settled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setHidden(
  db: Kysely<Database>,
  postId: string,
  hidden: { at: string; note: string } | null,
): Promise<void> {
  await db
    .updateTable('space_posts')
    .set(
      hidden
        ? {
            hidden_at: hidden.at,
            hidden_note: hidden.note,
            second_look_at: null,
            second_look_note: null,
          }
        : { hidden_at: null, hidden_note: null, second_look_at: null, second_look_note: null },
    )
    .where('id', '=', postId)
    .execute();
}

/** The author's request for a second look at a hidden post; null once it is answered. */
export async function setSecondLook(
  db: Kysely<Database>,
  postId: string,
  asked: { at: string; note: string | null } | null,
): Promise<void> {
  await db
    .updateTable('space_posts')
    .set({ second_look_at: asked?.at ?? null, second_look_note: asked?.note ?? null })
    .where('id', '=', postId)
    .execute();
}

export async function listLanguage(
  db: Kysely<Database>,
  groupId: string,
): Promise<Selectable<SpaceLanguageTable>[]> {
  return db
    .selectFrom('space_language')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('created_at')
    .execute();
}

export async function insertLanguage(
  db: Kysely<Database>,
  row: Selectable<SpaceLanguageTable>,
): Promise<void> {
  await db.insertInto('space_language').values(row).execute();
}

export async function deleteLanguage(
  db: Kysely<Database>,
  groupId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('space_language')
    .where('group_id', '=', groupId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** When each person last opened a space, so digests go only to people who have been away. */
export async function markSpaceSeen(db: Kysely<Database>, userId: string, at: string) {
  await db.updateTable('users').set({ space_seen_at: at }).where('id', '=', userId).execute();
}

/** Reports not yet settled and hidden posts waiting for a second look. */
export async function countOpenReports(db: Kysely<Database>, groupId: string): Promise<number> {
  const [reports, looks] = await Promise.all([
    db
      .selectFrom('space_reports')
      .select(sql<number>`count(distinct post_id)`.as('n'))
      .where('group_id', '=', groupId)
      .where('settled_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('space_posts')
      .select(sql<number>`count(*)`.as('n'))
      .where('group_id', '=', groupId)
      .where('hidden_at', 'is not', null)
      .where('second_look_at', 'is not', null)
      .executeTakeFirstOrThrow(),
  ]);
  return Number(reports.n) + Number(looks.n);
}

/**
 * People who may be due a digest: in some group's space (as a peer or staff) and sent none
 * since `sentBefore`. A page at a time, by id.
 */
export async function listDigestCandidates(
  db: Kysely<Database>,
  sentBefore: string,
  after: string,
  limit: number,
): Promise<{ id: string; space_seen_at: string | null; space_digest_at: string | null }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'space_seen_at', 'space_digest_at'])
    .where('id', '>', after)
    .where('closed_at', 'is', null)
    .where((eb) =>
      eb.or([eb('space_digest_at', 'is', null), eb('space_digest_at', '<', sentBefore)]),
    )
    .where((eb) =>
      eb.exists(
        db
          .selectFrom(spaceAccess(db).as('a'))
          .select('a.user_id')
          .where(sql<boolean>`a.user_id = users.id`),
      ),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * What is new for this person since `since`, per group and space: posts by others after
 * their place, in threads they have not muted. Titles are given for the shared space only.
 */
export async function listNewSince(db: Kysely<Database>, userId: string, since: string) {
  const rows = await readableThreads(db, userId)
    .innerJoin('groups as g', 'g.id', 't.group_id')
    .innerJoin('space_posts as p', 'p.thread_id', 't.id')
    .select([
      't.group_id',
      'g.name as group_name',
      't.space',
      't.id as thread_id',
      't.title',
      sql<number>`count(*)`.as('posts'),
    ])
    .where('p.created_at', '>', since)
    .where(sql<boolean>`p.seq > coalesce(r.last_read_seq, 0)`)
    .where(sql<boolean>`coalesce(r.volume, 'normal') <> 'mute'`)
    .where((eb) => eb.or([eb('p.author_id', 'is', null), eb('p.author_id', '<>', userId)]))
    .where('p.deleted_at', 'is', null)
    .groupBy(['t.group_id', 'g.name', 't.space', 't.id', 't.title'])
    .execute();
  return rows.map((r) => ({ ...r, posts: Number(r.posts) }));
}

export async function markDigestSent(db: Kysely<Database>, userId: string, at: string) {
  await db.updateTable('users').set({ space_digest_at: at }).where('id', '=', userId).execute();
}

/**
 * An erased account's words in the spaces: each post keeps its place, as if its author had
 * deleted it, and their threads' titles go; their reports stay for the stewards, unnamed.
 */
export async function eraseSpaceWordsOf(
  db: Kysely<Database>,
  userId: string,
  at: string,
  removed: string,
): Promise<void> {
  const posts = await db
    .selectFrom('space_posts')
    .select(['id', 'group_id'])
    .where('author_id', '=', userId)
    .where('deleted_at', 'is', null)
    .execute();
  for (const post of posts) await markPostDeleted(db, post, at);
  await db
    .updateTable('space_threads')
    .set({ title: removed })
    .where('author_id', '=', userId)
    .execute();
  await db
    .updateTable('space_reports')
    .set({ reporter_id: null, note: null })
    .where('reporter_id', '=', userId)
    .execute();
  await db
    .updateTable('space_language')
    .set({ added_by: null })
    .where('added_by', '=', userId)
    .execute();
}
