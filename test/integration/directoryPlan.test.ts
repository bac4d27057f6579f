/**
 * The directory with 10,000 groups: right answers, and query plans that seek on indexes
 * rather than read every group. The plans are printed in docs/PERFORMANCE.md
 * (`npm run bench:directory` measures the timings).
 */
import { describe, expect, it } from 'vitest';
import { directoryQuery } from '../../server/db/queries/groups';
import { seedDirectory } from '../helpers/seedDirectory';
import { createTestApp } from '../helpers/testApp';
import { testDialect } from '../helpers/testDatabase';

const t = await createTestApp();
const seeded = await seedDirectory(t.deps.db, 10_000);
const now = new Date().toISOString();

async function plan(filter: Parameters<typeof directoryQuery>[1]): Promise<string> {
  const compiled = directoryQuery(t.deps.db, filter).compile();
  if (testDialect() === 'sqlite') {
    const { rows } = await t.deps.db.executeQuery({
      ...compiled,
      sql: `explain query plan ${compiled.sql}`,
    });
    return (rows as { detail: string }[]).map((r) => r.detail).join('\n');
  }
  const { rows } = await t.deps.db.executeQuery({ ...compiled, sql: `explain ${compiled.sql}` });
  return (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
}

describe('the directory with 10,000 groups', () => {
  it('pages newest first through every listed group, with each filter right', async () => {
    const page = await directoryQuery(t.deps.db, { limit: 21, viewerId: null, now }).execute();
    expect(page).toHaveLength(21);
    expect(page.map((g) => g.id)).toEqual([...page.map((g) => g.id)].sort().reverse());
    expect(page.every((g) => g.visibility !== 'invite_only' && g.stage !== 'adjourned')).toBe(true);

    const welsh = await directoryQuery(t.deps.db, {
      limit: 10_000,
      viewerId: null,
      now,
      language: 'cy',
    }).execute();
    expect(welsh.length).toBe(seeded.listedByLanguage.cy);
    const tagged = await directoryQuery(t.deps.db, {
      limit: 10_000,
      viewerId: null,
      now,
      tag: 'carers',
    }).execute();
    expect(tagged.length).toBe(seeded.listedWithTag.carers);
  });

  it('seeks on indexes: the listing index in id order, and the tag and language indexes', async () => {
    const plain = await plan({ limit: 21, viewerId: null, now });
    const byTag = await plan({ limit: 21, viewerId: null, now, tag: 'carers' });
    const byLanguage = await plan({ limit: 21, viewerId: null, now, language: 'cy' });
    if (testDialect() === 'sqlite') {
      // Newest first without sorting everything: the walk is in index order.
      expect(plain).toMatch(/groups_listed_idx/);
      expect(plain).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      expect(byTag).toMatch(/group_tags/);
      expect(byTag).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      expect(byLanguage).toMatch(/groups_listed_language_idx/);
      expect(byLanguage).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    } else {
      expect(plain).toMatch(/Limit/);
      expect(byTag).toMatch(/group_tags/);
    }
    // Every count in the page is a seek on an index, never a scan of its table.
    expect(plain).not.toMatch(/SCAN memberships\b|SCAN waitlist\b|SCAN meetings\b/);
  });
});
