/**
 * A real Hearth process starting and stopping the way a deployer meets it: bad settings name
 * their cause, a database that never answers fails in bounded time, every line printed is
 * JSON, SIGTERM closes live sockets with "restarting" and exits promptly, and WebSocket
 * upgrades the router refuses leave no socket open.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServerIfStale } from '../../scripts/buildServer.mjs';
import { connectLive } from '../helpers/liveClient';
import { seedLiveMeeting } from '../helpers/liveSeed';
import { spawnNode } from '../helpers/spawnNode';
import { createTestDatabase } from '../helpers/testDatabase';

const ROOT = path.resolve(import.meta.dirname, '../..');
const database = await createTestDatabase(
  path.join(mkdtempSync(path.join(tmpdir(), 'hearth-life-')), 'hearth.sqlite'),
);
const env: Record<string, string> =
  database.database.kind === 'postgres'
    ? { DATABASE_URL: database.database.url }
    : { DATA_DIR: path.dirname(database.database.file) };
afterAll(() => database.drop());

/** Runs Hearth expecting it to fail; resolves with its exit code, output and time taken. */
async function failingStart(extra: Record<string, string>) {
  await buildServerIfStale();
  const started = Date.now();
  const child = spawn(process.execPath, ['dist/server/main.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', WEB_DIST_DIR: '/nonexistent', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (c) => {
      clearTimeout(kill);
      resolve(c);
    });
  });
  return { code, output, ms: Date.now() - started };
}

function jsonLines(output: string) {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  return lines.map((line) => JSON.parse(line) as { level: number; msg: string });
}

describe('starting', () => {
  it('names DATA_DIR and the path when the data folder cannot be used', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'hearth-notdir-')), 'a-file');
    writeFileSync(file, 'not a folder');
    const { code, output } = await failingStart({ DATA_DIR: file, DATABASE_URL: '' });
    expect(code).toBe(1);
    const [line] = jsonLines(output);
    expect(line?.level).toBe(60);
    expect(line?.msg).toContain('DATA_DIR');
    expect(line?.msg).toContain(file);
  });

  it('gives up on a database that accepts the connection and never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const { code, output, ms } = await failingStart({
        DATABASE_URL: `postgres://hearth:secret-password@127.0.0.1:${port}/hearth`,
        DATABASE_CONNECT_TIMEOUT_SECONDS: '1',
      });
      expect(code).toBe(1);
      expect(ms).toBeLessThan(15_000);
      const [line] = jsonLines(output);
      expect(line?.msg).toContain('DATABASE_URL');
      expect(line?.msg).toContain(`127.0.0.1:${port}`);
      expect(line?.msg).toContain('no answer within 1 s');
      expect(output).not.toContain('secret-password');
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('names a bad setting in a JSON line', async () => {
    const { code, output } = await failingStart({ ...env, TRUST_PROXY: 'true' });
    expect(code).toBe(1);
    expect(jsonLines(output)[0]?.msg).toMatch(/TRUST_PROXY/);
  });
});

describe('running and stopping', () => {
  it('prints only JSON, closes refused upgrades, and on SIGTERM says "restarting" and exits', async () => {
    const node = await spawnNode({ ...env, WEB_DIST_DIR: '/nonexistent', LOG_LEVEL: 'info' });
    const seeded = await seedLiveMeeting(node.url, 2, 'life');
    const client = await connectLive(node.url, seeded.meetingId, seeded.cookies[0] ?? null);
    if (!client.room()) await client.waitFor((m) => m.type === 'snapshot');

    // Upgrades the router refuses (too long, a bad escape) are answered and closed.
    const { port } = new URL(node.url);
    const refused = await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          new Promise<{ status: string; closed: boolean }>((resolve) => {
            const path =
              i % 2 === 0 ? `/api/live/${'x'.repeat(400)}?v=2` : '/api/live/%E0%A4%A?v=2';
            const socket = net.connect(Number(port), '127.0.0.1', () =>
              socket.write(
                `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
              ),
            );
            let data = '';
            socket.on('data', (d) => (data += d));
            const timer = setTimeout(() => {
              socket.destroy();
              resolve({ status: data.split('\r\n')[0] ?? '', closed: false });
            }, 3000);
            socket.on('end', () => {
              clearTimeout(timer);
              socket.destroy();
              resolve({ status: data.split('\r\n')[0] ?? '', closed: true });
            });
          }),
      ),
    );
    for (const r of refused)
      expect(r).toEqual({ status: 'HTTP/1.1 400 Bad Request', closed: true });

    const started = Date.now();
    const stopped = node.stop('SIGTERM');
    expect(await client.closed).toEqual({ code: 1001, reason: 'restarting' });
    await stopped;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(node.process.exitCode).toBe(0);
    const lines = jsonLines(node.output());
    expect(lines.some((line) => /^Hearth is running at http/.test(line.msg))).toBe(true);
  });
});
