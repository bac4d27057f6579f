// `npm start`: builds the web app if it is missing or out of date, then runs the server
// (TypeScript, through tsx) in this same process.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from './buildWeb.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!process.env.WEB_DIST_DIR) await buildWebIfStale();

process.chdir(root);
const { register } = await import('tsx/esm/api');
register();
await import('../server/main.ts');
