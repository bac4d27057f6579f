/**
 * "Download everything Hearth holds about me": one ZIP of JSON and CSV files, streamed as it
 * is written (each table read a page at a time), so a long history never sits in memory.
 */
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Viewer } from '../../access/viewer';
import { currentUser } from '../../accounts/me';
import { findFeedOfUser } from '../../db/queries/calendarFeeds';
import { PERSONAL_TABLES } from '../../db/queries/personalData';
import type { Deps } from '../../deps';
import { csvStream } from '../../export/csv';
import { readPreferences } from '../../mail/preferences';
import { spendAttempt } from '../../security/rateLimit';

const PAGE = 500;

export async function exportMyData(
  deps: Deps,
  viewer: Viewer,
): Promise<{ fileName: string; stream: Readable }> {
  await spendAttempt(deps, [
    {
      key: `export:${viewer.userId}`,
      max: deps.config.rateLimits.loginPerAccount,
      message: 'You have downloaded your data several times in a short while.',
    },
  ]);
  const user = await currentUser(deps, viewer);
  const now = deps.now();
  const preferences = (await readPreferences(deps.db, [user.id])).get(user.id) ?? null;
  const account = {
    exportedAt: now.toISOString(),
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    createdAt: user.created_at,
    emailConfirmedAt: user.email_verified_at,
    emailPreferences: preferences,
    calendarFeed: (await findFeedOfUser(deps.db, user.id)) ? 'on' : 'off',
  };

  const zip = new ZipFile();
  const mtime = now;
  zip.addBuffer(Buffer.from(readme(now)), 'README.txt', { mtime });
  zip.addBuffer(Buffer.from(`${JSON.stringify(account, null, 2)}\n`), 'account.json', { mtime });
  for (const table of PERSONAL_TABLES) {
    zip.addReadStream(
      csvStream(table.columns, (offset) => table.rows(deps.db, user.id, { offset, limit: PAGE })),
      table.file,
      { mtime },
    );
  }
  zip.end();
  const day = now.toISOString().slice(0, 10);
  return { fileName: `hearth-${day}.zip`, stream: zip.outputStream as Readable };
}

function readme(now: Date): string {
  const lines = [
    'Everything Hearth holds about you',
    `Made ${now.toISOString()}.`,
    '',
    'account.json: your account: name, address, when you joined Hearth, your email choices.',
    ...PERSONAL_TABLES.map((t) => `${t.file}: ${t.about}`),
    '',
    'The CSV files open in any spreadsheet app. Cells that a spreadsheet would run as a formula',
    'start with an apostrophe. Other people’s words are not included.',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
