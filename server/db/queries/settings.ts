/**
 * SQL for the deployment's settings: one JSON value per key, each key with its own shape
 * (listed here), parsed as it is read.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseColumn } from '../jsonColumns';
import type { Database } from '../tables';

/** Every setting Hearth keeps, and the shape of its value. */
export const SETTINGS = {
  deploymentName: z.string(),
  crisisResources: z.string(),
  sizeCapMax: z.number().int(),
  /** Who to ask about privacy here, in the deployment's own words (the privacy page shows it). */
  privacyContact: z.string(),
  /** The key that signs one-click email-preference links. */
  mailLinkSecret: z.string(),
  /** How far the lifecycle job has looked at meetings that started. */
  lifecycle_checked_until: z.string(),
};
export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]>;

/** The settings that have been stored; keys never set are missing. */
export async function readSettings(
  db: Kysely<Database>,
): Promise<{ [K in SettingKey]?: SettingValue<K> }> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const found: Record<string, unknown> = {};
  for (const row of rows) {
    const schema: z.ZodType<unknown> | undefined = SETTINGS[row.key as SettingKey];
    if (schema) found[row.key] = parseColumn(schema, row.value, `settings.${row.key}`);
  }
  return found as { [K in SettingKey]?: SettingValue<K> };
}

export async function writeSetting<K extends SettingKey>(
  db: Kysely<Database>,
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: text })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
    .execute();
}

/** Stores a setting only if it has no value yet, and returns the value it now has. */
export async function settingOrInsert<K extends SettingKey>(
  db: Kysely<Database>,
  key: K,
  value: SettingValue<K>,
): Promise<SettingValue<K>> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  const schema: z.ZodType<unknown> = SETTINGS[key];
  return parseColumn(schema, row.value, `settings.${key}`) as SettingValue<K>;
}
