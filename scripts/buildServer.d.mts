import type { BuildOptions } from 'esbuild';

/** Packages left in node_modules rather than bundled. */
export const EXTERNAL: string[];
/** What esbuild is asked to do. */
export const BUILD_OPTIONS: BuildOptions;
/** True when dist/server is missing or older than its sources or the installed packages. */
export function serverBuildIsStale(): boolean;
/** Builds dist/server/main.mjs. */
export function buildServer(): Promise<void>;
/** Builds the server if stale; resolves true when it built. */
export function buildServerIfStale(): Promise<boolean>;
