import { type Kysely, sql } from 'kysely';

/**
 * Forming a group: its stage in life, what the directory shows and filters on, joining
 * (questionnaire, applications, waitlist), the purpose drafted from members' answers, and
 * the group's own decisions on its purpose and its review.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: [string, 'text' | 'integer', string | number | null][] = [
    ['stage', 'text', 'forming'],
    ['planned_meetings', 'integer', null],
    ['review_at', 'integer', null],
    ['format', 'text', null],
    ['area', 'text', null],
    ['language', 'text', 'en'],
    ['joining_criteria', 'text', null],
    ['questionnaire', 'text', null],
    ['purpose_asked_at', 'text', null],
    ['stage_changed_at', 'text', null],
    ['listed_at', 'text', null],
  ];
  for (const [name, type, fallback] of columns) {
    await db.schema
      .alterTable('groups')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }
  await sql`update groups set stage_changed_at = created_at`.execute(db);
  await sql`update groups set listed_at = created_at where visibility in ('open', 'closed')`.execute(
    db,
  );
  // The directory no longer walks by visibility and creation time: the listing replaces it.
  await db.schema.dropIndex('groups_directory_idx').execute();
  // The directory lists open and closed groups that have not adjourned (listed_at is set),
  // newest first: partial indexes in id order, so a page is read without sorting anything.
  await db.schema
    .createIndex('groups_listed_idx')
    .on('groups')
    .column('id')
    .where(sql.ref('listed_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('groups_listed_language_idx')
    .on('groups')
    .columns(['language', 'id'])
    .where(sql.ref('listed_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('group_tags')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_tags_pk', ['group_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('group_tags_tag_idx')
    .on('group_tags')
    .columns(['tag', 'group_id'])
    .execute();

  await db.schema
    .createTable('group_stage_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('from_stage', 'text', (c) => c.notNull())
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    /** Null when Hearth moved the group on by itself (at the first meeting, at review). */
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('group_stage_changes_group_idx')
    .on('group_stage_changes')
    .columns(['group_id', 'at'])
    .execute();

  await db.schema
    .createTable('purpose_answers')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('purpose_answers_pk', ['group_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('purpose_versions')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('adopted_at', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text')
    .addPrimaryKeyConstraint('purpose_versions_pk', ['group_id', 'version'])
    .execute();
  // A purpose written when the group was started is its first version.
  await sql`insert into purpose_versions (group_id, version, purpose, adopted_at, decision_id)
    select id, 1, purpose, created_at, null from groups where purpose is not null`.execute(db);

  await db.schema
    .createTable('group_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('proposer_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('group_decisions_group_idx')
    .on('group_decisions')
    .columns(['group_id', 'kind', 'status'])
    .execute();
  await db.schema
    .createIndex('group_decisions_due_idx')
    .on('group_decisions')
    .columns(['status', 'deadline_at'])
    .execute();

  await db.schema
    .createTable('group_decision_responses')
    .addColumn('decision_id', 'text', (c) =>
      c.notNull().references('group_decisions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('responded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_decision_responses_pk', ['decision_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('applications_group_idx')
    .on('applications')
    .columns(['group_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('applications_user_idx')
    .on('applications')
    .columns(['user_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('waitlist')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text')
    .addColumn('offered_at', 'text')
    .addColumn('offer_expires_at', 'text')
    .addPrimaryKeyConstraint('waitlist_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('waitlist_queue_idx')
    .on('waitlist')
    .columns(['group_id', 'joined_at'])
    .execute();
  await db.schema
    .createIndex('waitlist_offers_idx')
    .on('waitlist')
    .column('offer_expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'waitlist',
    'applications',
    'group_decision_responses',
    'group_decisions',
    'purpose_versions',
    'purpose_answers',
    'group_stage_changes',
    'group_tags',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('groups_listed_language_idx').execute();
  await db.schema.dropIndex('groups_listed_idx').execute();
  await db.schema
    .createIndex('groups_directory_idx')
    .on('groups')
    .columns(['visibility', 'created_at', 'id'])
    .execute();
  for (const column of [
    'listed_at',
    'stage_changed_at',
    'purpose_asked_at',
    'questionnaire',
    'joining_criteria',
    'language',
    'area',
    'format',
    'review_at',
    'planned_meetings',
    'stage',
  ]) {
    await db.schema.alterTable('groups').dropColumn(column).execute();
  }
}
