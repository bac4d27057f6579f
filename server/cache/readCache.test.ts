import { describe, expect, it } from 'vitest';
import type { GroupSnapshot } from './readCache';
import { createReadCache } from './readCache';

const snapshot = { group: { id: 'g' }, members: [], views: new Map() } as unknown as GroupSnapshot;

describe('read cache', () => {
  it('keeps what was read and forgets it on a write', () => {
    const cache = createReadCache(() => true);
    cache.setGroup('g', snapshot, cache.generation());
    expect(cache.getGroup('g')).toBe(snapshot);
    cache.forgetGroup('g');
    expect(cache.getGroup('g')).toBeUndefined();
  });

  it('does not store a read that a write overtook', () => {
    const cache = createReadCache(() => true);
    const seen = cache.generation();
    cache.forgetGroup('g');
    cache.setGroup('g', snapshot, seen);
    expect(cache.getGroup('g')).toBeUndefined();
  });

  it('forgets a session by its id', () => {
    const cache = createReadCache(() => true);
    const session = { viewer: { sessionId: 's1' }, lastSeenMs: 0, expiresMs: 1 } as never;
    cache.setSession('hash', session, cache.generation());
    cache.forgetSession('s2');
    expect(cache.getSession('hash')).toBe(session);
    cache.forgetSession('s1');
    expect(cache.getSession('hash')).toBeUndefined();
  });

  it('stores nothing while switched off, and serves nothing kept from before', () => {
    let on = true;
    const cache = createReadCache(() => on);
    cache.setGroup('g', snapshot, cache.generation());
    on = false;
    expect(cache.getGroup('g')).toBeUndefined();
    cache.setGroup('h', snapshot, cache.generation());
    on = true;
    expect(cache.getGroup('h')).toBeUndefined();
  });

  it('forgets everything on a reset, and a read that a reset overtook is not stored', () => {
    const cache = createReadCache(() => true);
    const session = { viewer: { sessionId: 's1' }, lastSeenMs: 0, expiresMs: 1 } as never;
    cache.setSession('hash', session, cache.generation());
    cache.setGroup('g', snapshot, cache.generation());
    const seen = cache.generation();
    cache.reset();
    expect(cache.getSession('hash')).toBeUndefined();
    expect(cache.getGroup('g')).toBeUndefined();
    cache.setGroup('g', snapshot, seen);
    expect(cache.getGroup('g')).toBeUndefined();
  });
});
