import { describe, expect, it } from 'vitest';
import { STAGES } from '../../core/domain/lifecycle';
import { livePolicy } from './live';
import { GROUP_VIEWER_ROLES } from './predicates';

describe('live policy', () => {
  it('lets members into a session while the group has not adjourned, and nobody else', () => {
    for (const role of GROUP_VIEWER_ROLES) {
      for (const stage of STAGES) {
        const expected = (role === 'member' || role === 'steward') && stage !== 'adjourned';
        const group = { visibility: 'open' as const, stage };
        expect(livePolicy.enter(role, group), `${role} ${stage}`).toBe(expected);
        expect(livePolicy.reflect(role, group), `${role} ${stage}`).toBe(expected);
        expect(livePolicy.editCodebook(role, group), `${role} ${stage}`).toBe(
          role === 'steward' && stage !== 'adjourned',
        );
        // The record of past sessions stays with the members after the group adjourns.
        expect(livePolicy.review(role, group), `${role} ${stage}`).toBe(
          role === 'member' || role === 'steward',
        );
        // So do its recordings; an outside observer sees only their own track.
        for (const observes of [false, true]) {
          const guest = { ...group, observes };
          expect(livePolicy.download(role, guest), `${role} ${stage}`).toBe(
            role === 'member' || role === 'steward',
          );
          expect(livePolicy.recordings(role, guest), `${role} ${stage}`).toBe(
            role === 'member' || role === 'steward' || observes,
          );
        }
      }
    }
  });
});
