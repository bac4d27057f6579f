/**
 * What one node tells every node, this one included: a live room has a new version, a
 * group's cached views are out of date (which also re-checks who may stay in its live
 * rooms), a session has ended. In one process (SQLite) the bus is an in-memory emitter; on
 * PostgreSQL it is LISTEN/NOTIFY on one dedicated connection per node, reconnecting with
 * back-off. A node that was not listening for a while may have missed announcements: it
 * tells its listeners to start afresh (`onReset`), and caches stay off until it listens again.
 */
import { EventEmitter } from 'node:events';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { z } from 'zod';
import { SPACES } from '../../core/domain/space';
import type { Database } from '../db/tables';

export const busEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('room'), meetingId: z.string(), version: z.number().int() }),
  z.object({ kind: z.literal('group'), groupId: z.string() }),
  z.object({ kind: z.literal('session'), sessionId: z.string() }),
  /** Something new or changed in a thread of a group's space: ids only, never words. */
  z.object({
    kind: z.literal('space'),
    groupId: z.string(),
    space: z.enum(SPACES),
    threadId: z.string(),
    seq: z.number().int(),
    /** Who wrote the new post: their place in the thread moved on with it. */
    by: z.string().optional(),
  }),
  /** A person's place or volume in a thread changed. */
  z.object({ kind: z.literal('place'), userId: z.string(), threadId: z.string() }),
  /** A call signal waits in `call_signals` for `to`, in this meeting's session: ids only. */
  z.object({ kind: z.literal('signal'), meetingId: z.string(), id: z.string(), to: z.string() }),
]);
export type BusEvent = z.infer<typeof busEvent>;

export interface Bus {
  /**
   * How it hears the others: in memory (one process), listening, or reconnecting. Only while
   * reconnecting may this node miss an announcement.
   */
  state(): 'in_memory' | 'listening' | 'reconnecting';
  /** Resolves once the first attempt to listen has finished (at once in memory). */
  ready(): Promise<void>;
  /** Announces to every node now. */
  publish(event: BusEvent): Promise<void>;
  /**
   * Announces to every node when (and only if) `trx` commits. Call it inside the transaction
   * and call what it returns after the commit: on PostgreSQL the announcement leaves with the
   * commit and the returned call does nothing; in memory the returned call emits it.
   */
  publishOnCommit(event: BusEvent, trx: Kysely<Database>): Promise<() => Promise<void>>;
  subscribe(listener: (event: BusEvent) => void): () => void;
  /** Called when announcements may have been missed: drop anything kept from before. */
  onReset(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface BusLog {
  warn(obj: object, msg: string): void;
}

export function createMemoryBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    state: () => 'in_memory',
    ready: async () => {},
    async publish(event) {
      emitter.emit('event', event);
    },
    async publishOnCommit(event) {
      return async () => {
        emitter.emit('event', event);
      };
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    onReset(listener) {
      emitter.on('reset', listener);
      return () => emitter.off('reset', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export const BUS_CHANNEL = 'hearth_bus';
/**
 * The LISTEN connection's name in pg_stat_activity, with the process id (so an operator, or a
 * test checking recovery, can tell the nodes' connections apart).
 */
export const busApplicationName = (pid = process.pid) => `hearth-bus-${pid}`;

export function createPostgresBus(url: string, log: BusLog, connectTimeoutMs = 10_000): Bus {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  // The driver is loaded only by a node that uses PostgreSQL.
  const driver = import('pg').then(({ default: pg }) => pg);
  const publisher = driver.then((pg) => {
    const pool = new pg.Pool({
      connectionString: url,
      max: 2,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: connectTimeoutMs,
    });
    pool.on('error', () => {});
    return pool;
  });

  const reset = () => local.emit('reset');

  const connect = async (): Promise<void> => {
    if (closed) return;
    const pg = await driver;
    if (closed) return;
    const next = new pg.Client({
      connectionString: url,
      application_name: busApplicationName(),
      connectionTimeoutMillis: connectTimeoutMs,
    });
    // From the first sign the connection failed until listening again, nothing heard can be
    // trusted to be complete: the error comes before the end, so caches stop at once.
    const lost = () => {
      if (client !== next) return;
      client = null;
      reset();
    };
    next.on('error', () => {
      lost();
      // The end follows, and with it the next attempt; ending makes sure it comes.
      next.end().catch(() => {});
    });
    next.on('end', () => {
      lost();
      if (!closed) setTimeout(() => void connect(), Math.min(30_000, 250 * 2 ** attempt++));
    });
    next.on('notification', (message) => {
      let parsed: BusEvent;
      try {
        const result = busEvent.safeParse(JSON.parse(message.payload ?? ''));
        if (!result.success) return;
        parsed = result.data;
      } catch {
        return;
      }
      local.emit('event', parsed);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${BUS_CHANNEL}`);
      client = next;
      attempt = 0;
      // Whatever was announced while not listening was missed.
      reset();
    } catch (err) {
      log.warn({ err }, 'the bus could not listen; retrying');
      await next.end().catch(() => {});
    }
  };
  const ready = connect();

  return {
    state: () => (client !== null ? 'listening' : 'reconnecting'),
    ready: () => ready,
    async publish(event) {
      await ready;
      // Everyone, this node included, hears it through PostgreSQL: one path for all.
      await (await publisher).query('select pg_notify($1, $2)', [
        BUS_CHANNEL,
        JSON.stringify(event),
      ]);
    },
    async publishOnCommit(event, trx) {
      // PostgreSQL delivers a NOTIFY issued in a transaction only when it commits.
      await sql`select pg_notify(${BUS_CHANNEL}, ${JSON.stringify(event)})`.execute(trx);
      return async () => {};
    },
    subscribe(listener) {
      local.on('event', listener);
      return () => local.off('event', listener);
    },
    onReset(listener) {
      local.on('reset', listener);
      return () => local.off('reset', listener);
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
      await (await publisher).end().catch(() => {});
      local.removeAllListeners();
    },
  };
}
