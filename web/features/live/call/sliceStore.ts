/**
 * Slices of this device's recordings, kept in IndexedDB until the server has them: a phone
 * that dies or a connection that drops loses nothing already recorded. Also the next number
 * for each track, so a take started after a reload goes on where the last one stopped.
 */
import type { SliceKey } from './api';

export interface StoredSlice extends SliceKey {
  data: Blob;
}

const DB = 'hearth-recordings';
const SLICES = 'slices';
const NEXT = 'next';

let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(SLICES, { keyPath: ['meetingId', 'recordingId', 'userId', 'seq'] });
      db.createObjectStore(NEXT);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const trackName = (k: Omit<SliceKey, 'seq'>) => `${k.meetingId}/${k.recordingId}/${k.userId}`;

/** Keeps a slice and counts it, in one transaction. */
export async function keepSlice(slice: StoredSlice): Promise<void> {
  const db = await open();
  const tx = db.transaction([SLICES, NEXT], 'readwrite');
  tx.objectStore(SLICES).put(slice);
  tx.objectStore(NEXT).put(slice.seq + 1, trackName(slice));
  await done(tx);
}

/** The number this device gives its next slice of a track (null if it never recorded it). */
export async function nextSeq(k: Omit<SliceKey, 'seq'>): Promise<number | null> {
  const db = await open();
  const value = await result(db.transaction(NEXT).objectStore(NEXT).get(trackName(k)));
  return typeof value === 'number' ? value : null;
}

/** Slices still waiting, oldest track and number first. */
export async function waitingSlices(limit = 50): Promise<StoredSlice[]> {
  const db = await open();
  return result(db.transaction(SLICES).objectStore(SLICES).getAll(null, limit)) as Promise<
    StoredSlice[]
  >;
}

export async function countWaiting(): Promise<number> {
  const db = await open();
  return result(db.transaction(SLICES).objectStore(SLICES).count());
}

/** Forgets a slice the server has (or will never take). */
export async function forgetSlice(k: SliceKey): Promise<void> {
  const db = await open();
  const tx = db.transaction(SLICES, 'readwrite');
  tx.objectStore(SLICES).delete([k.meetingId, k.recordingId, k.userId, k.seq]);
  await done(tx);
}

/** Whether this browser can keep slices at all. */
export const canKeepSlices = () => typeof indexedDB !== 'undefined';
