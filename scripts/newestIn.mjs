// The latest modification time of any file below a folder: what a build is compared with.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Milliseconds since the epoch of the newest file below `dir`. */
export function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}
