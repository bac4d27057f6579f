// `npm start`: builds the web app and the server if either is missing or out of date, then
// runs the compiled server (plain JavaScript) in this same process.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServerIfStale } from './buildServer.mjs';
import { buildWebIfStale } from './buildWeb.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!process.env.WEB_DIST_DIR) await buildWebIfStale();
await buildServerIfStale();

process.chdir(root);
await import('../dist/server/main.mjs');
