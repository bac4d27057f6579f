/**
 * CSV files people download: UTF-8 with a byte-order mark (so spreadsheet apps read accents
 * and scripts right), RFC 4180 quoting by csv-stringify, and every cell that a spreadsheet
 * would run as a formula (starting = + - @, a tab or a carriage return) escaped with a
 * leading apostrophe. Written page by page, so a long history never sits in memory whole.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';

const FORMULA = /^[=+\-@\t\r]/;

/** One cell as text, safe to open in a spreadsheet. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return FORMULA.test(text) ? `'${text}` : text;
}

/** A whole file at once, for small tables and tests. */
export function csvText(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): string {
  return `\uFEFF${stringify(
    [[...columns], ...rows.map((row) => columns.map((c) => csvCell(row[c])))],
    { record_delimiter: 'windows' },
  )}`;
}

/** A file streamed from pages of rows: `page(offset)` answers up to a page, [] at the end. */
export function csvStream(
  columns: readonly string[],
  page: (offset: number) => Promise<readonly Record<string, unknown>[]>,
): Readable {
  async function* lines() {
    yield `\uFEFF${stringify([[...columns]], { record_delimiter: 'windows' })}`;
    for (let offset = 0; ; ) {
      const rows = await page(offset);
      if (rows.length === 0) return;
      yield stringify(
        rows.map((row) => columns.map((c) => csvCell(row[c]))),
        { record_delimiter: 'windows' },
      );
      offset += rows.length;
    }
  }
  return Readable.from(lines());
}
