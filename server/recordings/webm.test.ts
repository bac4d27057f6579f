import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEBM_HEADER as HEADER, webmTake as take } from '../../test/helpers/webm';
import { joinSlices, type Slice, startsTake } from './webm';

/** Reads the joined stream back: every block's absolute time, in order. */
function blockTimes(parts: Uint8Array[]): { header: boolean; times: number[] } {
  const bytes = Buffer.concat(parts);
  const times: number[] = [];
  let cluster = 0;
  let at = 0;
  const vint = (i: number) => {
    const len = Math.clz32(bytes[i] ?? 0) - 23;
    let v = (bytes[i] ?? 0) & (0xff >> len);
    let ones = v === 0xff >> len;
    for (let k = 1; k < len; k++) {
      v = v * 256 + (bytes[i + k] ?? 0);
      ones = ones && bytes[i + k] === 0xff;
    }
    return { len, v: ones ? -1 : v };
  };
  const header = bytes.readUInt32BE(0) === 0x1a45dfa3;
  while (at < bytes.length) {
    const idLen = Math.clz32(bytes[at] ?? 0) - 23;
    const id = bytes.readUIntBE(at, idLen);
    const s = vint(at + idLen);
    const start = at + idLen + s.len;
    if (id === 0x18538067 || id === 0x1f43b675) {
      at = start; // step into segments and clusters
      continue;
    }
    if (id === 0xe7) cluster = bytes.readUIntBE(start, s.v);
    if (id === 0xa3) times.push(cluster + bytes.readInt16BE(start + 1));
    at = start + s.v;
  }
  return { header, times };
}

/**
 * Cuts bytes into slices at the given points, numbered from `seq`. The first slice holds the
 * whole header, as MediaRecorder's first slice does.
 */
function cut(bytes: number[], points: number[], seq = 0): Slice[] {
  const at = [...new Set(points.map((p) => p % bytes.length))]
    .filter((p) => p >= HEADER.length)
    .sort((a, b) => a - b);
  const edges = [0, ...at, bytes.length];
  return edges.slice(0, -1).map((from, i) => ({
    seq: seq + i,
    data: Uint8Array.from(bytes.slice(from, edges[i + 1])),
  }));
}

describe('joining a track from its slices', () => {
  it('gives one take back as it was, however it was sliced', () => {
    const one = take(4, 5);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (points) => {
        const slices = cut(one, points).map((s, i) => (i === 0 ? s : s));
        const joined = blockTimes(joinSlices(slices));
        expect(joined.header).toBe(true);
        expect(joined.times).toEqual(Array.from({ length: 20 }, (_, i) => i * 20));
      }),
    );
  });

  it('plays takes one after another, later ones moved on in time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (a, b) => {
          const first = cut(take(2, 5), a);
          const second = cut(take(3, 4), b, first.length);
          expect(startsTake(second[0]?.data ?? new Uint8Array())).toBe(true);
          const { times } = blockTimes(joinSlices([...first, ...second]));
          expect(times).toHaveLength(10 + 12);
          // The second take starts one frame after the first ends.
          expect(times[10]).toBe(180 + 20);
          for (let i = 1; i < times.length; i++)
            expect(times[i]).toBeGreaterThan(times[i - 1] ?? 0);
        },
      ),
    );
  });

  it('leaves a hole where a slice never arrived, and goes on from the next cluster', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 3, maxLength: 12 }), fc.nat(), (points, drop) => {
        const slices = cut(take(6, 5), points);
        if (slices.length < 3) return;
        const missing = 1 + (drop % (slices.length - 1));
        const kept = slices.filter((s) => s.seq !== missing);
        const { header, times } = blockTimes(joinSlices(kept));
        expect(header).toBe(true);
        for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] ?? 0);
        // Whatever is written is whole: every time is one of the blocks that was recorded.
        for (const t of times) expect(t % 20).toBe(0);
      }),
    );
  });

  it('gives nothing when no slice carries a header', () => {
    const slices = cut(take(3, 5), [200, 400]).slice(1);
    expect(joinSlices(slices)).toEqual([]);
  });
});
