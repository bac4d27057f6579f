import { describe, expect, it } from 'vitest';
import { safeNext } from './safeNext';

describe('safeNext', () => {
  it('follows paths on this site', () => {
    expect(safeNext('/groups/1')).toBe('/groups/1');
    expect(safeNext('/invite/abc?x=1')).toBe('/invite/abc?x=1');
  });

  it('refuses anything that leaves the site', () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '',
      undefined,
    ]) {
      expect(safeNext(next)).toBe('/groups');
    }
  });
});
