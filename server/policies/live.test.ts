import { describe, expect, it } from 'vitest';
import { STAGES } from '../../core/domain/lifecycle';
import { livePolicy } from './live';
import { GROUP_VIEWER_ROLES } from './predicates';

describe('live policy', () => {
  it('lets members into a session while the group has not adjourned, and nobody else', () => {
    for (const role of GROUP_VIEWER_ROLES) {
      for (const stage of STAGES) {
        const expected = (role === 'member' || role === 'steward') && stage !== 'adjourned';
        expect(livePolicy.enter(role, { visibility: 'open', stage }), `${role} ${stage}`).toBe(
          expected,
        );
      }
    }
  });
});
