import type { Kysely } from 'kysely';

/**
 * When Hearth itself closes or moves something, it records why as a code (the web app puts
 * it into words), never as an English sentence in a column meant for people's own words:
 * a group's stage change (and how many meetings were held), an application Hearth closed,
 * a meeting cancelled because the group adjourned, a proposal that could not be adopted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('group_stage_changes').addColumn('reason', 'text').execute();
  await db.schema.alterTable('group_stage_changes').addColumn('meetings_held', 'integer').execute();
  await db.schema.alterTable('applications').addColumn('closed_reason', 'text').execute();
  await db.schema.alterTable('meetings').addColumn('cancel_reason', 'text').execute();
  await db.schema.alterTable('agreement_proposals').addColumn('close_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agreement_proposals').dropColumn('close_reason').execute();
  await db.schema.alterTable('meetings').dropColumn('cancel_reason').execute();
  await db.schema.alterTable('applications').dropColumn('closed_reason').execute();
  await db.schema.alterTable('group_stage_changes').dropColumn('meetings_held').execute();
  await db.schema.alterTable('group_stage_changes').dropColumn('reason').execute();
}
