/**
 * The assignment problem: give each row a different column so the total cost is least
 * (Hungarian method with potentials, O(rows² × columns)). Rows must not outnumber columns.
 * Small and exact; the rota uses it for one meeting at a time.
 */
export function assign(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  if (n === 0) return [];
  const m = cost[0]?.length ?? 0;
  if (m < n) throw new Error('assign: more rows than columns');
  const INF = Number.POSITIVE_INFINITY;
  // 1-based arrays as in the classic formulation; column 0 is a sentinel.
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const rowOfColumn = new Array<number>(m + 1).fill(0);
  const way = new Array<number>(m + 1).fill(0);
  for (let row = 1; row <= n; row++) {
    rowOfColumn[0] = row;
    let column0 = 0;
    const minv = new Array<number>(m + 1).fill(INF);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[column0] = true;
      const row0 = rowOfColumn[column0] as number;
      let delta = INF;
      let column1 = 0;
      for (let column = 1; column <= m; column++) {
        if (used[column]) continue;
        const reduced =
          (cost[row0 - 1]?.[column - 1] as number) - (u[row0] as number) - (v[column] as number);
        if (reduced < (minv[column] as number)) {
          minv[column] = reduced;
          way[column] = column0;
        }
        if ((minv[column] as number) < delta) {
          delta = minv[column] as number;
          column1 = column;
        }
      }
      for (let column = 0; column <= m; column++) {
        if (used[column]) {
          u[rowOfColumn[column] as number] = (u[rowOfColumn[column] as number] as number) + delta;
          v[column] = (v[column] as number) - delta;
        } else {
          minv[column] = (minv[column] as number) - delta;
        }
      }
      column0 = column1;
    } while (rowOfColumn[column0] !== 0);
    do {
      const column1 = way[column0] as number;
      rowOfColumn[column0] = rowOfColumn[column1] as number;
      column0 = column1;
    } while (column0 !== 0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let column = 1; column <= m; column++) {
    const row = rowOfColumn[column] as number;
    if (row !== 0) result[row - 1] = column - 1;
  }
  return result;
}
