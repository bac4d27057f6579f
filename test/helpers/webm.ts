/**
 * A little WebM writer for tests, shaped like MediaRecorder's output: a header (EBML, a segment
 * of unknown size, Info with a millisecond timecode scale, one Opus track), then clusters of
 * unknown size, each a timecode and simple blocks 20 ms apart.
 */
const size = (n: number) => [0x40 | (n >> 8), n & 0xff];
const element = (id: number[], body: number[]) => [...id, ...size(body.length), ...body];

export const WEBM_HEADER = [
  ...element([0x1a, 0x45, 0xdf, 0xa3], element([0x42, 0x82], [...Buffer.from('webm')])),
  ...[0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
  ...element([0x15, 0x49, 0xa9, 0x66], element([0x2a, 0xd7, 0xb1], [0x0f, 0x42, 0x40])),
  ...element(
    [0x16, 0x54, 0xae, 0x6b],
    element([0xae], element([0x86], [...Buffer.from('A_OPUS')])),
  ),
];

/** One cluster at `time` ms with `blocks` simple blocks, 20 ms apart. */
export function webmCluster(time: number, blocks: number): number[] {
  const out = [0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
  out.push(...element([0xe7], [time >> 8, time & 0xff]));
  for (let b = 0; b < blocks; b++) {
    const rel = b * 20;
    out.push(...element([0xa3], [0x81, rel >> 8, rel & 0xff, 0x80, 1, 2, 3, 4, 5]));
  }
  return out;
}

/** A whole take: the header, then `clusters` clusters of `blocksEach` blocks, end to end. */
export function webmTake(clusters: number, blocksEach: number): number[] {
  const out = [...WEBM_HEADER];
  for (let c = 0; c < clusters; c++) out.push(...webmCluster(c * blocksEach * 20, blocksEach));
  return out;
}
