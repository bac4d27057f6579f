import type { Kysely } from 'kysely';

/** The comfort agreement: versions, proposals with rounds and responses, acknowledgements; notifications. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agreement_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agreement_versions_number_uq', ['group_id', 'number'])
    .execute();

  await db.schema
    .createTable('agreement_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('proposer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('close_note', 'text')
    .addColumn('result_version', 'integer')
    .execute();
  await db.schema
    .createIndex('agreement_proposals_group_idx')
    .on('agreement_proposals')
    .columns(['group_id', 'status'])
    .execute();
  await db.schema
    .createIndex('agreement_proposals_due_idx')
    .on('agreement_proposals')
    .columns(['status', 'deadline_at'])
    .execute();

  // Earlier rounds of a revised proposal, kept for reference.
  await db.schema
    .createTable('agreement_proposal_rounds')
    .addColumn('proposal_id', 'text', (c) =>
      c.notNull().references('agreement_proposals.id').onDelete('cascade'),
    )
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('revised_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_proposal_rounds_pk', ['proposal_id', 'round'])
    .execute();

  await db.schema
    .createTable('agreement_responses')
    .addColumn('proposal_id', 'text', (c) =>
      c.notNull().references('agreement_proposals.id').onDelete('cascade'),
    )
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('responded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_responses_pk', ['proposal_id', 'round', 'user_id'])
    .execute();

  await db.schema
    .createTable('agreement_acknowledgements')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_acknowledgements_pk', ['group_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notifications',
    'agreement_acknowledgements',
    'agreement_responses',
    'agreement_proposal_rounds',
    'agreement_proposals',
    'agreement_versions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
