import { dropStaleTestDatabases } from './testDatabase';

/** Before the PostgreSQL suite: clear databases an interrupted earlier run left behind. */
export default async function setup(): Promise<void> {
  await dropStaleTestDatabases();
}
