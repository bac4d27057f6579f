/**
 * Where to go after signing in: a path on this site only. `//host` and `/\host` are refused,
 * since browsers read both as another site.
 */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/groups';
}
