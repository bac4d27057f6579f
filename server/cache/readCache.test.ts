import { describe, expect, it } from 'vitest';
import type { GroupSnapshot } from './readCache';
import { createReadCache } from './readCache';

const snapshot = { group: { id: 'g' }, members: [], views: new Map() } as unknown as GroupSnapshot;

describe('read cache', () => {
  it('keeps what was read and forgets it on a write', () => {
    const cache = createReadCache(true);
    cache.setGroup('g', snapshot, cache.generation());
    expect(cache.getGroup('g')).toBe(snapshot);
    cache.forgetGroup('g');
    expect(cache.getGroup('g')).toBeUndefined();
  });

  it('does not store a read that a write overtook', () => {
    const cache = createReadCache(true);
    const seen = cache.generation();
    cache.forgetGroup('g');
    cache.setGroup('g', snapshot, seen);
    expect(cache.getGroup('g')).toBeUndefined();
  });

  it('forgets a session by its id', () => {
    const cache = createReadCache(true);
    const session = { viewer: { sessionId: 's1' }, lastSeenMs: 0, expiresMs: 1 } as never;
    cache.setSession('hash', session, cache.generation());
    cache.forgetSession('s2');
    expect(cache.getSession('hash')).toBe(session);
    cache.forgetSession('s1');
    expect(cache.getSession('hash')).toBeUndefined();
  });

  it('stores nothing when switched off', () => {
    const cache = createReadCache(false);
    cache.setGroup('g', snapshot, cache.generation());
    expect(cache.getGroup('g')).toBeUndefined();
  });
});
