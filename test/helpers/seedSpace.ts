import { type Insertable, type Kysely, sql } from 'kysely';
import { isPostgres } from '../../server/db/dialect';
import type { Database, SpacePostsTable, SpaceThreadsTable } from '../../server/db/tables';
import { newId } from '../../server/security/tokens';
import { newPost } from '../../server/space/newPost';

const WORDS = [
  'sleep',
  'night',
  'carer',
  'tired',
  'walk',
  'sister',
  'doctor',
  'appointment',
  'garden',
  'tea',
  'rain',
  'hospital',
  'forms',
  'benefits',
  'respite',
  'laugh',
  'friend',
  'dog',
  'bus',
  'weekend',
  'kitchen',
  'music',
  'patience',
  'hope',
  'morning',
  'evening',
  'letter',
  'phone',
];

/** A sentence of a few words, different for each n. */
function sentence(n: number, length = 24): string {
  const words: string[] = [];
  for (let i = 0; i < length; i++)
    words.push(WORDS[(n * 7 + i * 13 + (n >> 3)) % WORDS.length] as string);
  return `${words.join(' ')}.`;
}

/**
 * Threads and posts straight into the database for each group (a thread of `postsPerThread`
 * posts, of which the first opens it), written by `authorId`, in batches; on SQLite the
 * search index is filled in one statement at the end. Returns the threads per group.
 */
export async function seedSpace(
  db: Kysely<Database>,
  groupIds: readonly string[],
  authorId: string,
  options: { threadsPerGroup: number; postsPerThread: number },
): Promise<Map<string, string[]>> {
  const threads = new Map<string, string[]>();
  const start = Date.now() - 30 * 86_400_000;
  let n = 0;
  for (let g = 0; g < groupIds.length; g += 20) {
    const threadRows: Insertable<SpaceThreadsTable>[] = [];
    const postRows: Insertable<SpacePostsTable>[] = [];
    for (const groupId of groupIds.slice(g, g + 20)) {
      const mine: string[] = [];
      for (let i = 0; i < options.threadsPerGroup; i++) {
        const id = newId();
        mine.push(id);
        const at = (k: number) => new Date(start + (n + k) * 60_000).toISOString();
        threadRows.push({
          id,
          group_id: groupId,
          space: i % 4 === 3 ? ('peers' as const) : ('everyone' as const),
          kind: i % 2 ? ('question' as const) : ('share' as const),
          wants: (['listening', 'ideas', 'advice'] as const)[i % 3] ?? 'ideas',
          title: `About the ${WORDS[n % WORDS.length]} ${n}`,
          author_id: authorId,
          created_at: at(0),
          last_seq: options.postsPerThread,
          last_post_at: at(options.postsPerThread - 1),
          reply_count: options.postsPerThread - 1,
          answered: 0,
        });
        for (let seq = 1; seq <= options.postsPerThread; seq++) {
          const body = sentence(n + seq);
          postRows.push({
            ...newPost({
              id: newId(),
              authorId,
              body,
              contentNote: null,
              quoteId: null,
              at: at(seq - 1),
            }),
            thread_id: id,
            group_id: groupId,
            seq,
          });
        }
        n += options.postsPerThread;
      }
      threads.set(groupId, mine);
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < threadRows.length; i += 500) {
        await trx
          .insertInto('space_threads')
          .values(threadRows.slice(i, i + 500))
          .execute();
      }
      for (let i = 0; i < postRows.length; i += 500) {
        await trx
          .insertInto('space_posts')
          .values(postRows.slice(i, i + 500))
          .execute();
      }
    });
  }
  if (!isPostgres(db)) {
    await sql`insert into space_search (post_id, post_key, group_key, text)
      select p.id, 'p' || replace(p.id, '-', ''), 'g' || replace(p.group_id, '-', ''),
        case when p.seq = 1 then t.title || char(10) || p.body else p.body end
      from space_posts p join space_threads t on t.id = p.thread_id`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }
  return threads;
}
