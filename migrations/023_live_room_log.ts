import { type Kysely, sql } from 'kysely';

/**
 * A live room is saved whole now and then, and between saves its log of commands carries it
 * (decision 022): `saved_version` is the version of the room its `state` holds, and the commands
 * logged after it are applied again to read the room as it stands. For that the log keeps what
 * the rules look at: the command as applied (`applied`, when it was not the command as sent:
 * an agenda chosen becomes its parts) and who sent it (`actor`: whether an observer, a steward,
 * allowed to propose small groups). Every room is saved whole as this runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('live_rooms')
    .addColumn('saved_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update live_rooms set saved_version = version`.execute(db);
  await db.schema.alterTable('live_events').addColumn('actor', 'text').execute();
  await db.schema.alterTable('live_events').addColumn('applied', 'text').execute();
}

/**
 * Taken back only when every room is saved whole (a server stopped on purpose saves the rooms
 * it held); a room carried by its log cannot be read without the code that applies it.
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from live_rooms where saved_version <> version`.execute(db);
  if (Number(rows[0]?.n ?? 0) > 0) {
    throw new Error(
      'Some live rooms are carried by their command log; stop the server (it saves them) and try again.',
    );
  }
  await db.schema.alterTable('live_events').dropColumn('applied').execute();
  await db.schema.alterTable('live_events').dropColumn('actor').execute();
  await db.schema.alterTable('live_rooms').dropColumn('saved_version').execute();
}
