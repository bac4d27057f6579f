import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The members' space between meetings (decision 013): threads and their posts, each reader's
 * place and volume per thread, warm responses, reports, a group's own language suggestions,
 * and people in a staff role (external facilitator, coordinator, observer), who are not
 * members and never see a members-only space. Search: FTS5 on SQLite, a tsvector on
 * PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('invites').addColumn('role', 'text').execute();
  await db.schema
    .createTable('group_staff')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_staff_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_staff_user').on('group_staff').column('user_id').execute();

  await db.schema
    .createTable('space_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('space', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('wants', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_post_at', 'text', (c) => c.notNull())
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('space_threads_recent')
    .on('space_threads')
    .columns(['group_id', 'space', 'last_post_at'])
    .execute();

  await db.schema
    .createTable('space_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) =>
      c.notNull().references('space_threads.id').onDelete('cascade'),
    )
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('content_note', 'text')
    .addColumn('quote_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_note', 'text')
    .addColumn('second_look_at', 'text')
    .addColumn('second_look_note', 'text')
    .addColumn('helped_at', 'text')
    .execute();
  await db.schema
    .createIndex('space_posts_thread_seq')
    .on('space_posts')
    .columns(['thread_id', 'seq'])
    .unique()
    .execute();
  await db.schema.createIndex('space_posts_author').on('space_posts').column('author_id').execute();

  await db.schema
    .createTable('space_post_versions')
    .addColumn('post_id', 'text', (c) =>
      c.notNull().references('space_posts.id').onDelete('cascade'),
    )
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('content_note', 'text')
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('space_post_versions_post')
    .on('space_post_versions')
    .column('post_id')
    .execute();

  await db.schema
    .createTable('space_warmth')
    .addColumn('post_id', 'text', (c) =>
      c.notNull().references('space_posts.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('space_warmth_pk', ['post_id', 'user_id', 'kind'])
    .execute();

  await db.schema
    .createTable('space_reads')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) =>
      c.notNull().references('space_threads.id').onDelete('cascade'),
    )
    .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('volume', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('read_at', 'text')
    .addPrimaryKeyConstraint('space_reads_pk', ['user_id', 'thread_id'])
    .execute();
  await db.schema.createIndex('space_reads_thread').on('space_reads').column('thread_id').execute();

  await db.schema
    .createTable('space_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) =>
      c.notNull().references('space_posts.id').onDelete('cascade'),
    )
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('reporter_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('agreement_item', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema
    .createIndex('space_reports_group')
    .on('space_reports')
    .columns(['group_id', 'settled_at'])
    .execute();

  await db.schema
    .createTable('space_language')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('space_language_group')
    .on('space_language')
    .column('group_id')
    .execute();

  // When each person last opened their group's space, and when their last digest went.
  await db.schema.alterTable('users').addColumn('space_seen_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('space_digest_at', 'text').execute();

  if (postgres) {
    await sql`alter table space_posts add column search tsvector generated always as
      (to_tsvector('simple', body)) stored`.execute(db);
    await sql`create index space_posts_search on space_posts using gin (search)`.execute(db);
    await sql`alter table space_threads add column search tsvector generated always as
      (to_tsvector('simple', title)) stored`.execute(db);
    await sql`create index space_threads_search on space_threads using gin (search)`.execute(db);
  } else {
    // Kept by the queries that write posts, in the same transaction. The group and the post
    // are tokens of their own columns, so a search reads only its group's posts and a post's
    // entry is found at once (server/db/queries/space.ts).
    await sql`create virtual table space_search using fts5(
      post_id unindexed, post_key, group_key, text, tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!postgres) await sql`drop table space_search`.execute(db);
  await db.schema.alterTable('users').dropColumn('space_digest_at').execute();
  await db.schema.alterTable('users').dropColumn('space_seen_at').execute();
  for (const table of [
    'space_language',
    'space_reports',
    'space_reads',
    'space_warmth',
    'space_post_versions',
    'space_posts',
    'space_threads',
    'group_staff',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('invites').dropColumn('role').execute();
}
