/** True when dist/web is missing or any source of it changed after the last build. */
export function webBuildIsStale(): boolean;
/** Builds the web app into dist/web if stale; resolves true when it built. */
export function buildWebIfStale(): Promise<boolean>;
