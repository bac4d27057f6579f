import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign } from './assignment';

function bruteForce(cost: number[][]): number {
  const n = cost.length;
  const m = cost[0]?.length ?? 0;
  let best = Number.POSITIVE_INFINITY;
  const used = new Array<boolean>(m).fill(false);
  const walk = (row: number, total: number) => {
    if (row === n) {
      best = Math.min(best, total);
      return;
    }
    for (let column = 0; column < m; column++) {
      if (used[column]) continue;
      used[column] = true;
      walk(row + 1, total + (cost[row]?.[column] as number));
      used[column] = false;
    }
  };
  walk(0, 0);
  return best;
}

describe('assign', () => {
  it('finds the cheapest assignment on a known case', () => {
    const cost = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    expect(assign(cost)).toEqual([1, 0, 2]);
  });

  it('gives each row its own column at the least total cost (against brute force)', () => {
    const matrix = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }))
      .chain(([rows, extra]) =>
        fc.array(
          fc.array(fc.integer({ min: 0, max: 50 }), {
            minLength: rows + extra,
            maxLength: rows + extra,
          }),
          {
            minLength: rows,
            maxLength: rows,
          },
        ),
      );
    fc.assert(
      fc.property(matrix, (cost) => {
        const result = assign(cost);
        expect(new Set(result).size).toBe(cost.length);
        const total = result.reduce((sum, column, row) => sum + (cost[row]?.[column] as number), 0);
        expect(total).toBe(bruteForce(cost));
      }),
    );
  });

  it('refuses more rows than columns', () => {
    expect(() => assign([[1], [2]])).toThrow();
    expect(assign([])).toEqual([]);
  });
});
