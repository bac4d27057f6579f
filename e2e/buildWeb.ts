import { buildWebIfStale } from '../scripts/buildWeb.mjs';

/** Before the browser suite: the pages under test are the built ones, so build if needed. */
export default async function setup(): Promise<void> {
  await buildWebIfStale();
}
