/**
 * A thread as the space's pages read it, from the read cache while fresh: the thread, its
 * posts and warm responses, and who may read it (`listReaders`, the one reading rule in SQL).
 * After a new post only what is new is read; concurrent reads of one thread share one query,
 * so the pages that hear of a post at once do not each read it. Each reader's place in a
 * thread is cached beside it.
 */
import type { Kysely } from 'kysely';
import type { SpaceName } from '../../core/domain/space';
import type { CachedPlace, CachedThread } from '../cache/readCache';
import {
  findPlace,
  findThreadWithAuthor,
  listPosts,
  listReaders,
  listWarmth,
} from '../db/queries/space';
import type { Database } from '../db/tables';
import type { Deps } from '../deps';
import type { GroupWrite } from '../locks/withGroupLock';

const loading = new WeakMap<object, Map<string, Promise<CachedThread | undefined>>>();

/** The thread as every reader shares it; undefined when there is no such thread. */
export function loadThread(deps: Deps, threadId: string): Promise<CachedThread | undefined> {
  const cached = deps.cache.getThread(threadId);
  if (cached && !cached.behind) return Promise.resolve(cached);
  let inFlight = loading.get(deps.cache);
  if (!inFlight) {
    inFlight = new Map();
    loading.set(deps.cache, inFlight);
  }
  const pending = inFlight.get(threadId);
  if (pending) return pending;
  const read = readThread(deps, threadId, cached).finally(() => inFlight.delete(threadId));
  inFlight.set(threadId, read);
  return read;
}

async function readThread(
  deps: Deps,
  threadId: string,
  before: CachedThread | undefined,
): Promise<CachedThread | undefined> {
  const generation = deps.cache.generation();
  const thread = await findThreadWithAuthor(deps.db, threadId);
  if (!thread) return undefined;
  const after = before ? before.thread.last_seq : 0;
  const [fresh, readers] = await Promise.all([
    listPosts(deps.db, threadId, after),
    before ? before.readers : listReaders(deps.db, thread.group_id, thread.space),
  ]);
  const warmth = await listWarmth(
    deps.db,
    fresh.map((p) => p.id),
  );
  const entry: CachedThread = {
    thread,
    posts: before ? [...before.posts, ...fresh] : fresh,
    warmth: before ? [...before.warmth, ...warmth] : warmth,
    readers: new Set(readers),
    behind: false,
  };
  deps.cache.setThread(threadId, entry, generation);
  return entry;
}

/** One person's place and volume in the thread. */
export async function loadPlace(
  deps: Deps,
  userId: string,
  threadId: string,
): Promise<CachedPlace> {
  const cached = deps.cache.getPlace(userId, threadId);
  if (cached) return cached;
  const generation = deps.cache.generation();
  const place = await findPlace(deps.db, userId, threadId);
  deps.cache.setPlace(userId, threadId, place, generation);
  return place;
}

/**
 * Changes a person's place or volume in a thread: `write` runs in a transaction, and every
 * node forgets the cached place once it commits (this one at once).
 */
export async function changePlace(
  deps: Deps,
  userId: string,
  threadId: string,
  write: (trx: Kysely<Database>) => Promise<void>,
): Promise<void> {
  const event = { kind: 'place', userId, threadId } as const;
  const told = await deps.db.transaction().execute(async (trx) => {
    await write(trx);
    return deps.bus.publishOnCommit(event, trx);
  });
  deps.cache.hear(event);
  await told();
}

/**
 * Tells every page with the thread open that it changed (seq 0) or has a new post, and every
 * node that the writer's place (`by`) moved on with it.
 */
export function announceThread(
  write: GroupWrite,
  thread: { id: string; group_id: string; space: SpaceName },
  seq = 0,
  by?: string,
): Promise<void> {
  return write.announce({
    kind: 'space',
    groupId: thread.group_id,
    space: thread.space,
    threadId: thread.id,
    seq,
    ...(by ? { by } : {}),
  });
}
