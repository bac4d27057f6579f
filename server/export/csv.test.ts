import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvStream, csvText } from './csv';

const read = (text: string) => parse(text, { bom: true }) as string[][];

describe('csv', () => {
  it('escapes what a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+33 1', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvCell(cell).startsWith("'")).toBe(true);
    }
    expect(csvCell('plain words')).toBe('plain words');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('{"a":1}');
  });

  it('starts with a byte-order mark and reads back exactly, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
        const text = csvText(
          ['a'],
          cells.map((a) => ({ a })),
        );
        expect(text.charCodeAt(0)).toBe(0xfeff);
        expect(
          read(text)
            .slice(1)
            .map((r) => r[0]),
        ).toEqual(cells.map(csvCell));
      }),
    );
  });

  it('streams page by page', async () => {
    const pages = [[{ n: 1 }, { n: 2 }], [{ n: 3 }], []];
    let asked = 0;
    const stream = csvStream(['n'], async () => pages[asked++] ?? []);
    let text = '';
    for await (const chunk of stream) text += chunk;
    expect(read(text)).toEqual([['n'], ['1'], ['2'], ['3']]);
  });
});
