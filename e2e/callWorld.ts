/**
 * What the call's browser tests start from: one Hearth node and one Chromium whose microphone
 * plays three seconds of tone and three of silence, started before the file's tests and
 * stopped after them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { launchBrowser } from './browser';
import { fakeMedia, toneAndSilence } from './fakeMedia';

export function callWorld(tag: string): { server: () => RunningNode; browser: () => Browser } {
  let server: RunningNode | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), `hearth-e2e-${tag}-`));
    const wav = path.join(dir, 'tone-and-silence.wav');
    toneAndSilence(wav);
    [server, browser] = await Promise.all([
      spawnNode({ DATA_DIR: dir }),
      launchBrowser(fakeMedia(wav)),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the call world has not started');
    return value;
  };
  return { server: () => started(server), browser: () => started(browser) };
}
