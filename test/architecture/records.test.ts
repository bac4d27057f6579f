/**
 * The group's record is append-only: nothing in the server changes or removes an audit
 * entry (not for a steward, an administrator or an erasure), and only recordAudit adds one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('the record', () => {
  const files = sourceFiles(join(ROOT, 'server')).map((path) => ({
    path: relative(ROOT, path),
    text: readFileSync(path, 'utf8'),
  }));

  it('is never changed or removed', () => {
    const touching = files.filter((f) =>
      /(updateTable|deleteFrom)\(\s*['"]audit_events['"]|(update|delete from)\s+audit_events/i.test(
        f.text,
      ),
    );
    expect(touching.map((f) => f.path)).toEqual([]);
  });

  it('is added to in one place', () => {
    const inserting = files.filter((f) => /insertInto\(\s*['"]audit_events['"]/.test(f.text));
    expect(inserting.map((f) => f.path)).toEqual(['server/db/queries/auditEvents.ts']);
  });
});
