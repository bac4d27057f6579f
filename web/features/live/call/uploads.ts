/**
 * Sends the slices this device keeps until the server has each: one at a time, oldest first,
 * waiting longer after each failure (up to a minute) and trying again when the browser comes
 * back online. A slice the server will never take (erased, not recorded, gone) is forgotten;
 * signed out, they wait for the next sign-in.
 */
import { signal } from '@preact/signals';
import { ApiError } from '../../../lib/api';
import { putSlice } from './api';
import { canKeepSlices, countWaiting, forgetSlice, waitingSlices } from './sliceStore';

/** How many slices wait on this device (null until counted). */
export const waiting = signal<number | null>(null);

let running: Promise<void> | null = null;
let again = false;
let delay = 0;
const MAX_DELAY_MS = 60_000;

/** Starts sending what waits, if it is not under way already. */
export function sendWaiting(): void {
  if (!canKeepSlices()) return;
  if (running) {
    again = true;
    return;
  }
  running = drain().finally(() => {
    running = null;
    if (again) {
      again = false;
      sendWaiting();
    }
  });
}

async function drain(): Promise<void> {
  for (;;) {
    const batch = await waitingSlices();
    waiting.value = await countWaiting();
    if (batch.length === 0) return;
    for (const slice of batch) {
      try {
        await putSlice(slice, slice.data);
        delay = 0;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return;
        const never =
          error instanceof ApiError && [400, 403, 404, 409, 410, 413, 415].includes(error.status);
        if (!never) {
          // Offline, or the server is busy: wait, then go on from here.
          delay = Math.min(MAX_DELAY_MS, delay ? delay * 2 : 2_000);
          setTimeout(sendWaiting, delay);
          return;
        }
      }
      await forgetSlice(slice);
      waiting.value = Math.max(0, (waiting.value ?? 1) - 1);
    }
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    delay = 0;
    sendWaiting();
  });
}
