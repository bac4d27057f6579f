/**
 * One person's track, from the slices their device uploaded: WebM (Matroska) as MediaRecorder
 * writes it, a few seconds a slice. Slices of one take are pieces of one stream and join as
 * they are; a take begins again (with its own header) when the device starts recording again,
 * after a reload or a dropped call. Joining takes means keeping the first header and moving
 * each later take's clusters on in time, so the track plays as one, take after take. A slice
 * that never arrived leaves a hole: the stream picks up again at the next cluster.
 *
 * Only what Hearth's own recordings need: clusters of (simple) blocks, a millisecond
 * timecode scale, and sizes that may be unknown (a live recording does not know them).
 */

const EBML = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const TIMECODE = 0xe7;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
/** Elements at the segment's own level: one of them ends a cluster of unknown size. */
const TOP_LEVEL = new Set([
  CLUSTER,
  0x1549a966, // Info
  0x1654ae6b, // Tracks
  0x1c53bb6b, // Cues
  0x1254c367, // Tags
  0x1043a770, // Chapters
  0x1941a469, // Attachments
  0x114d9b74, // SeekHead
  EBML,
  SEGMENT,
]);
/** A size of all ones: unknown (the element runs until something of its level or above). */
const UNKNOWN = -1;
/** A take starts where the previous one ended, plus one Opus frame. */
const FRAME_MS = 20;

interface Header {
  id: number;
  size: number;
  /** Where the element's data starts. */
  start: number;
}

/** Reads an element's id and size at `at`, or null if the bytes end first or make no sense. */
function readHeader(bytes: Uint8Array, at: number): Header | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  const idLength = Math.clz32(first) - 23;
  if (idLength > 4 || at + idLength > bytes.length) return null;
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + (bytes[at + i] ?? 0);
  const sizeAt = at + idLength;
  const lead = bytes[sizeAt];
  if (lead === undefined || lead === 0) return null;
  const sizeLength = Math.clz32(lead) - 23;
  if (sizeAt + sizeLength > bytes.length) return null;
  let size = lead & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const b = bytes[sizeAt + i] ?? 0;
    size = size * 256 + b;
    allOnes = allOnes && b === 0xff;
  }
  return { id, size: allOnes ? UNKNOWN : size, start: sizeAt + sizeLength };
}

function uint(bytes: Uint8Array, start: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + (bytes[start + i] ?? 0);
  return value;
}

/** A block's time relative to its cluster: after the track number, a signed 16-bit value. */
function blockTime(bytes: Uint8Array, start: number, end: number): number | null {
  const lead = bytes[start];
  if (lead === undefined || lead === 0) return null;
  const at = start + Math.clz32(lead) - 23;
  if (at + 2 > end) return null;
  const raw = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  return raw >= 0x8000 ? raw - 0x10000 : raw;
}

/** The timecode element for a cluster at `ms`. */
function timecodeElement(ms: number): Uint8Array {
  const value: number[] = [];
  let v = Math.max(0, Math.round(ms));
  do {
    value.unshift(v % 256);
    v = Math.floor(v / 256);
  } while (v > 0);
  return Uint8Array.from([TIMECODE, 0x80 | value.length, ...value]);
}

const CLUSTER_START = Uint8Array.from([
  0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
]);

/** Where the next cluster starts at or after `from`, or -1. */
function findCluster(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 4 <= bytes.length; i++) {
    if (
      bytes[i] === 0x1f &&
      bytes[i + 1] === 0x43 &&
      bytes[i + 2] === 0xb6 &&
      bytes[i + 3] === 0x75
    ) {
      return i;
    }
  }
  return -1;
}

/** Whether a slice starts a take: it begins with the EBML header. */
export function startsTake(slice: Uint8Array): boolean {
  return slice.length >= 4 && uint(slice, 0, 4) === EBML;
}

export interface Slice {
  seq: number;
  data: Uint8Array;
}

/**
 * Joins a track's slices (in order) into one WebM stream: the first take's header, then every
 * cluster of every take, later takes moved on in time. Gives the parts to write, in order.
 */
export function joinSlices(slices: readonly Slice[]): Uint8Array[] {
  // Runs of slices that follow one another: a new run at each new take and after each hole.
  const runs: { take: boolean; parts: Uint8Array[] }[] = [];
  let lastSeq = Number.NaN;
  for (const slice of slices) {
    const take = startsTake(slice.data);
    const current = runs.at(-1);
    if (!current || take || slice.seq !== lastSeq + 1) runs.push({ take, parts: [slice.data] });
    else current.parts.push(slice.data);
    lastSeq = slice.seq;
  }
  const out: Uint8Array[] = [];
  let headerWritten = false;
  let offset = 0;
  /** The latest time written so far (ms), and whether anything was. */
  let end = 0;
  let any = false;
  for (const run of runs) {
    const bytes = run.parts.length === 1 ? (run.parts[0] as Uint8Array) : Buffer.concat(run.parts);
    let at = 0;
    if (run.take) {
      // A new take: its clusters start after what is written, whatever their own times.
      const first = findCluster(bytes, 0);
      if (!headerWritten) {
        out.push(bytes.subarray(0, first === -1 ? bytes.length : first));
        headerWritten = true;
      }
      offset = any ? end + FRAME_MS : 0;
      at = first === -1 ? bytes.length : first;
    } else {
      at = findCluster(bytes, 0);
      if (at === -1) continue;
    }
    while (at < bytes.length) {
      const cluster = readHeader(bytes, at);
      if (!cluster || cluster.id !== CLUSTER) {
        const nextCluster = findCluster(bytes, at + 1);
        if (nextCluster === -1) break;
        at = nextCluster;
        continue;
      }
      const written = copyCluster(bytes, cluster, offset);
      if (written.parts.length > 0 && headerWritten) {
        out.push(CLUSTER_START, ...written.parts);
        if (written.end !== null) {
          end = Math.max(end, written.end);
          any = true;
        }
      }
      at = written.next;
    }
  }
  return headerWritten ? out : [];
}

/**
 * One cluster's timecode (moved on by `offset`) and its complete blocks; `next` is where the
 * following element starts, and `end` the time of its last block.
 */
function copyCluster(
  bytes: Uint8Array,
  cluster: Header,
  offset: number,
): { parts: Uint8Array[]; next: number; end: number | null } {
  const limit =
    cluster.size === UNKNOWN ? bytes.length : Math.min(bytes.length, cluster.start + cluster.size);
  let at = cluster.start;
  let time: number | null = null;
  let end: number | null = null;
  const blocks: Uint8Array[] = [];
  while (at < limit) {
    const child = readHeader(bytes, at);
    if (!child) break;
    if (cluster.size === UNKNOWN && TOP_LEVEL.has(child.id)) break;
    const childEnd = child.size === UNKNOWN ? -1 : child.start + child.size;
    // A child cut off by the end of the bytes (a missing slice) is left out.
    if (childEnd === -1 || childEnd > limit) {
      at = limit;
      break;
    }
    if (child.id === TIMECODE) time = uint(bytes, child.start, child.size);
    else if (child.id === SIMPLE_BLOCK || child.id === BLOCK_GROUP) {
      if (time === null) break;
      const blockStart = child.id === SIMPLE_BLOCK ? child.start : innerBlock(bytes, child);
      const rel = blockStart === null ? null : blockTime(bytes, blockStart, childEnd);
      if (rel !== null) end = Math.max(end ?? Number.NEGATIVE_INFINITY, time + offset + rel);
      blocks.push(bytes.subarray(at, childEnd));
    }
    at = childEnd;
  }
  const next = cluster.size === UNKNOWN ? at : Math.max(at, limit);
  if (time === null || blocks.length === 0)
    return { parts: [], next: Math.max(next, cluster.start), end: null };
  return { parts: [timecodeElement(time + offset), ...blocks], next, end };
}

/** Where the Block inside a BlockGroup starts its data. */
function innerBlock(bytes: Uint8Array, group: Header): number | null {
  let at = group.start;
  const end = group.start + group.size;
  while (at < end) {
    const child = readHeader(bytes, at);
    if (!child || child.size === UNKNOWN) return null;
    if (child.id === BLOCK) return child.start;
    at = child.start + child.size;
  }
  return null;
}
