import fc from 'fast-check';
import jsonPatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { viewPatch } from './viewPatch';

const object = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 6,
});
const array = fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 });
/** A JSON object or array, as views and their parts are. */
const container = fc.oneof(object, array);
/** Two of the same kind: a view is always an object. */
const pair = fc.oneof(fc.tuple(object, object), fc.tuple(array, array));

/**
 * A next view made from one before it, as the server makes them: some parts the very same
 * objects, some changed, some gone, some new.
 */
function nextOf(before: unknown, pick: () => number): unknown {
  if (typeof before !== 'object' || before === null) return pick() < 0.5 ? before : pick();
  const roll = pick();
  if (roll < 0.3) return before; // unchanged: the same object
  if (Array.isArray(before)) {
    const items = before.map((item) => nextOf(item, pick));
    if (roll < 0.5) items.pop();
    if (roll > 0.8) items.push({ added: pick() });
    return items;
  }
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    if (pick() < 0.15) continue; // gone
    next[key] = nextOf(value, pick);
  }
  if (roll > 0.8) next[`k${Math.floor(pick() * 10)}`] = [pick()];
  return next;
}

describe('viewPatch', () => {
  it('makes the same operations as fast-json-patch, which take one view to the next', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const ops = viewPatch(a, b);
        // The same on the wire (the library copies values through JSON, which makes -0 a 0).
        expect(JSON.stringify(ops)).toBe(JSON.stringify(jsonPatch.compare(a, b)));
        const copy = structuredClone(a);
        expect(jsonPatch.applyPatch(copy, structuredClone(ops), true, true).newDocument).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  it('does the same for views made from the one before, sharing their unchanged parts', () => {
    fc.assert(
      fc.property(
        container,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
        (a, rolls) => {
          let i = 0;
          const b = nextOf(a, () => rolls[i++ % rolls.length] as number) as object;
          const ops = viewPatch(a, b);
          // The same on the wire (the library copies values through JSON, which makes -0 a 0).
          expect(JSON.stringify(ops)).toBe(JSON.stringify(jsonPatch.compare(a, b)));
          const copy = structuredClone(a);
          expect(jsonPatch.applyPatch(copy, structuredClone(ops), true, true).newDocument).toEqual(
            b,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names parts whose keys hold / and ~ as JSON Pointer does', () => {
    expect(viewPatch({ 'a/b': 1, 'c~d': [1] }, { 'a/b': 2, 'c~d': [1, 2] })).toEqual([
      { op: 'add', path: '/c~0d/1', value: 2 },
      { op: 'replace', path: '/a~1b', value: 2 },
    ]);
  });

  it('passes over a part that is the same object without reading it', () => {
    const shared = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('read');
        },
      },
    );
    expect(viewPatch({ shared, n: 1 }, { shared, n: 2 })).toEqual([
      { op: 'replace', path: '/n', value: 2 },
    ]);
  });
});
