/**
 * Fan-out of room changes between nodes. A change is announced as (meeting, version) only:
 * listeners read the room itself, so a lost announcement costs nothing but a moment — the
 * next one, or a client's resync, catches up by version. In one process (SQLite) it is an
 * in-memory emitter; on PostgreSQL it is LISTEN/NOTIFY on one dedicated connection per node,
 * reconnecting with back-off.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';

export type RoomListener = (version: number) => void;

export interface LiveHub {
  /** Announces a new version of a room (after the transaction that made it committed). */
  publish(meetingId: string, version: number): Promise<void>;
  /** Calls `listener` for every announced version of this room; returns an unsubscribe. */
  subscribe(meetingId: string, listener: RoomListener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'hearth_live';

export function createMemoryHub(): LiveHub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(meetingId, version) {
      emitter.emit(meetingId, version);
    },
    subscribe(meetingId, listener) {
      emitter.on(meetingId, listener);
      return () => emitter.off(meetingId, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export function createPostgresHub(
  url: string,
  log: { warn(obj: object, msg: string): void },
): LiveHub {
  const local = createMemoryHub();
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  const publisher = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 30_000 });
  publisher.on('error', () => {});

  const connect = async (): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString: url });
    next.on('error', () => {
      /* handled by the end event */
    });
    next.on('end', () => {
      if (client === next) client = null;
      if (!closed) setTimeout(() => void connect(), Math.min(30_000, 250 * 2 ** attempt++));
    });
    next.on('notification', (message) => {
      const [meetingId, version] = (message.payload ?? '').split(' ');
      if (meetingId && version) void local.publish(meetingId, Number(version));
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      attempt = 0;
    } catch (err) {
      log.warn({ err }, 'live fan-out could not listen; retrying');
      await next.end().catch(() => {});
    }
  };
  const ready = connect();

  return {
    async publish(meetingId, version) {
      await ready;
      // Everyone, this node included, hears it through PostgreSQL: one path for all.
      await publisher.query('select pg_notify($1, $2)', [CHANNEL, `${meetingId} ${version}`]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      await client?.end().catch(() => {});
      await publisher.end().catch(() => {});
      await local.close();
    },
  };
}
