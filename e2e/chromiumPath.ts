import { existsSync } from 'node:fs';

/** Where Chromium is on this machine: $CHROMIUM, or Debian's /usr/bin/chromium; else null. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p && existsSync(p))) ?? null;
}
