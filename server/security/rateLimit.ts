import { AppError } from '../../core/errors';
import { countHit, peekHits } from '../db/queries/rateLimits';
import type { Deps } from '../deps';
import { sha256 } from './tokens';

export interface Limit {
  /** What is limited, e.g. `login-ip:127.0.0.1`; stored only as a hash. */
  key: string;
  max: number;
  message: string;
}

function windowOf(deps: Deps) {
  const windowMs = deps.config.rateLimits.windowMs;
  const now = deps.now().getTime();
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
}

function limited(limit: Limit, retryAfterSeconds: number): AppError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait = minutes <= 1 ? 'a minute' : `${minutes} minutes`;
  return new AppError('auth.rate_limited', `${limit.message} Please wait ${wait} and try again.`, {
    retryAfterSeconds,
  });
}

/**
 * Counts an attempt against each limit and throws `auth.rate_limited` (with how long to
 * wait) once any of them is over. Limits live in the database, so they hold across nodes.
 */
export async function spendAttempt(deps: Deps, limits: Limit[]): Promise<void> {
  const { start, retryAfterSeconds } = windowOf(deps);
  for (const limit of limits) {
    const count = await countHit(deps.db, sha256(limit.key), start);
    if (count > limit.max) throw limited(limit, retryAfterSeconds);
  }
}

/** Counts an attempt against the limit and returns how many there have been in the window. */
export async function countAttempt(deps: Deps, limit: Limit): Promise<number> {
  return countHit(deps.db, sha256(limit.key), windowOf(deps).start);
}

/** Throws `auth.rate_limited` if the limit is already used up, without counting. */
export async function checkAttempts(deps: Deps, limit: Limit): Promise<void> {
  const { start, retryAfterSeconds } = windowOf(deps);
  if ((await peekHits(deps.db, sha256(limit.key), start)) >= limit.max) {
    throw limited(limit, retryAfterSeconds);
  }
}
