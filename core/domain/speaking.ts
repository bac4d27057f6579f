/**
 * A fair record of who spoke: how speaking time is kept per person and part, how evenly it
 * was shared, and the quiet nudge a facilitator gets when one or two voices fill an open
 * discussion. Pure: times are milliseconds, "now" is always passed in.
 */

/** A stretch of one person speaking, within one part of the session. */
export interface Span {
  userId: string;
  phaseId: string;
  from: number;
  to: number;
}

/** Who is speaking now, since when, in which part (a turn, or the timekeeper's control). */
export interface SpeakingNow {
  userId: string;
  phaseId: string;
  since: number;
}

/** The nudge looks at open discussion over this last stretch of time. */
export const NUDGE_WINDOW_MS = 10 * 60_000;
/** …and speaks up when one person's share passes this many fair shares… */
export const NUDGE_FAIR_SHARES = 2;
/** …and they have spoken at least this long in the window. */
export const NUDGE_MIN_MS = 3 * 60_000;

/** Spans that still matter to the nudge at `at`: those ending inside its window. */
export function recentSpans(spans: readonly Span[], at: number): Span[] {
  return spans.filter((s) => s.to > at - NUDGE_WINDOW_MS);
}

/**
 * Time each person spoke in open discussion over the window ending at `at`: the spans kept,
 * clipped to the window, and whoever is speaking now (when they are in an open part).
 */
export function spokenInWindow(
  spans: readonly Span[],
  now: SpeakingNow | null,
  at: number,
): Map<string, number> {
  const start = at - NUDGE_WINDOW_MS;
  const totals = new Map<string, number>();
  const add = (userId: string, from: number, to: number) => {
    const ms = Math.min(to, at) - Math.max(from, start);
    if (ms > 0) totals.set(userId, (totals.get(userId) ?? 0) + ms);
  };
  for (const s of spans) add(s.userId, s.from, s.to);
  if (now) add(now.userId, now.since, at);
  return totals;
}

/**
 * Whether to suggest a round: someone's share of the open discussion in the last ten minutes
 * passes twice the fair share (one share per person present) and three minutes. Says only
 * that a round would help, never who (the facilitator can see who has been talking).
 */
export function suggestRound(
  spans: readonly Span[],
  now: SpeakingNow | null,
  at: number,
  peoplePresent: number,
): boolean {
  if (peoplePresent < 2) return false;
  const totals = spokenInWindow(spans, now, at);
  let all = 0;
  for (const ms of totals.values()) all += ms;
  if (all === 0) return false;
  const fair = all / peoplePresent;
  for (const ms of totals.values()) {
    if (ms >= NUDGE_MIN_MS && ms > NUDGE_FAIR_SHARES * fair) return true;
  }
  return false;
}

/**
 * Raised hands, least heard first: whoever has spoken least in the session so far goes
 * first; equal time keeps the order the hands went up.
 */
export function leastHeardFirst<H extends { userId: string; seq: number }>(
  hands: readonly H[],
  spokenMs: Readonly<Record<string, number>>,
): H[] {
  return [...hands].sort(
    (a, b) => (spokenMs[a.userId] ?? 0) - (spokenMs[b.userId] ?? 0) || a.seq - b.seq,
  );
}

export interface Equality {
  /** Normalised Gini: 0 when everyone spoke equally, 1 when one person spoke alone. */
  gini: number;
  /** The largest share over the fair share: 1 when even, n when one person spoke alone. */
  largestOverFair: number;
}

/**
 * How evenly time was shared among `times` (one per person, speaking or not). The Gini
 * coefficient G = ΣΣ|xi − xj| / (2n²μ) can only reach (n − 1)/n with n people, so it is
 * scaled by n/(n − 1) to read 0–1 whatever the group's size. Null when there is nothing to
 * compare (fewer than two people, or nobody spoke).
 */
export function equality(times: readonly number[]): Equality | null {
  const n = times.length;
  const total = times.reduce((a, b) => a + b, 0);
  if (n < 2 || total <= 0) return null;
  let differences = 0;
  for (const a of times) for (const b of times) differences += Math.abs(a - b);
  const mean = total / n;
  const gini = differences / (2 * n * n * mean);
  return {
    gini: round2(Math.min(1, (gini * n) / (n - 1))),
    largestOverFair: round2(Math.max(...times) / mean),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** How an equality figure reads in words: a key for the catalogue. */
export function equalityKey(e: Equality): 'even' | 'fairly_even' | 'uneven' | 'very_uneven' {
  if (e.gini < 0.15) return 'even';
  if (e.gini < 0.3) return 'fairly_even';
  if (e.gini < 0.5) return 'uneven';
  return 'very_uneven';
}
