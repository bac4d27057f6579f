// `npm run backup [-- <file>]`: a consistent copy of Hearth's SQLite database, safe while
// Hearth runs (SQLite's online backup API copies pages under the database's own locking, so
// every write committed before it finishes is in the copy; copying the file is not safe).
// `npm run restore -- <file>`: checks a backup and puts it in place; stop Hearth first.
// On PostgreSQL, use PostgreSQL's own tools (pg_dump / pg_restore): see the README.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const [command = 'backup', target] = process.argv.slice(2);
const dataDir = path.resolve(process.env.DATA_DIR || './data');
const live = path.join(dataDir, 'hearth.sqlite');

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (process.env.DATABASE_URL) {
  fail(
    'DATABASE_URL is set, so Hearth keeps its data in PostgreSQL. Back it up with PostgreSQL’s own tools:\n' +
      '  pg_dump --format=custom --file=hearth.dump "$DATABASE_URL"\n' +
      'and restore into an empty database with:\n' +
      '  pg_restore --no-owner --dbname="$DATABASE_URL" hearth.dump',
  );
}

/** Opens a database file read-only and checks it is whole; returns how many tables it has. */
function check(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') fail(`${file} is damaged (${result}).`);
    const migrations = db
      .prepare(
        "select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'",
      )
      .get();
    if (!migrations || migrations.n !== 1) fail(`${file} is not a Hearth database.`);
    return db.prepare('select count(*) as n from kysely_migration').get().n;
  } finally {
    db.close();
  }
}

if (command === 'backup') {
  if (!existsSync(live)) fail(`There is no Hearth database at ${live} (DATA_DIR=${dataDir}).`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.resolve(target || path.join(dataDir, 'backups', `hearth-${stamp}.sqlite`));
  if (existsSync(file)) fail(`${file} already exists; choose another name.`);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(live, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  const migrations = check(file);
  process.stdout.write(
    `Backed up to ${file} (${Math.round(statSync(file).size / 1024)} KiB, ${migrations} migrations applied, integrity ok).\n`,
  );
} else if (command === 'restore') {
  if (!target) fail('Say which backup to restore: npm run restore -- <file>');
  const file = path.resolve(target);
  if (!existsSync(file)) fail(`There is no file at ${file}.`);
  check(file);
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(live)) {
    // Make sure nothing is left in the write-ahead log, then keep the old database aside.
    const old = new Database(live);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    const aside = `${live}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(live, aside);
    process.stdout.write(`The database that was there is kept at ${aside}.\n`);
  }
  for (const extra of ['-wal', '-shm']) rmSync(`${live}${extra}`, { force: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(live);
  } finally {
    source.close();
  }
  process.stdout.write(`Restored ${file} to ${live}. Start Hearth again with npm start.\n`);
} else {
  fail('Use npm run backup [-- <file>] or npm run restore -- <file>.');
}
