/**
 * Queries Kysely builds and compiles once (per dialect) and then runs with new values each
 * time. Kysely builds and compiles every query anew, which on the busiest path, a change to a
 * live room, cost more than SQLite took to run it. Only for a query whose shape never depends
 * on its values: the builder is called once, with stand-ins where the values go.
 */
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { isPostgres } from './dialect';
import type { Database } from './tables';

/** Marks where an argument's value went among the compiled query's parameters. */
const STAND_IN = '\u0000hearth-argument-';

export function compiledOnce<Args extends unknown[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Database>, ...args: Args) => Promise<Row[]> {
  const byDialect = new Map<
    boolean,
    { query: CompiledQuery<Row>; values: readonly unknown[]; slots: number[] }
  >();
  return async (db, ...args) => {
    const postgres = isPostgres(db);
    let held = byDialect.get(postgres);
    if (!held) {
      const standIns = args.map((_, i) => `${STAND_IN}${i}`) as Args;
      const { sql, parameters } = build(db, ...standIns).compile();
      const slots = parameters.map((p) =>
        typeof p === 'string' && p.startsWith(STAND_IN) ? Number(p.slice(STAND_IN.length)) : -1,
      );
      if (args.some((_, i) => !slots.includes(i))) {
        throw new Error(`compiledOnce: an argument is not used as a value in ${sql}`);
      }
      held = { query: CompiledQuery.raw(sql) as CompiledQuery<Row>, values: parameters, slots };
      byDialect.set(postgres, held);
    }
    const { query, values, slots } = held;
    const parameters = slots.map((slot, i) => (slot === -1 ? values[i] : args[slot]));
    // The compiled query as it was, with this call's values (no plugin reads its id).
    const result = await db.executeQuery<Row>({
      sql: query.sql,
      query: query.query,
      queryId: query.queryId,
      parameters,
    });
    return result.rows;
  };
}
