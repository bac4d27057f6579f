import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { groupDetail } from '../../core/protocol/groups';
import { serializerCompiler } from './serializer';

const compile = (schema: z.ZodType) =>
  serializerCompiler({ schema, method: 'GET', url: '/', httpStatus: '200' } as never) as (
    data: unknown,
  ) => string;

describe('response serializer', () => {
  it('writes declared fields only, so nothing else can leak', () => {
    const write = compile(z.object({ id: z.string(), name: z.string() }));
    expect(JSON.parse(write({ id: '1', name: 'A', password_hash: 'secret' }))).toEqual({
      id: '1',
      name: 'A',
    });
  });

  it('writes nullable fields both ways', () => {
    const write = compile(groupDetail);
    const base = {
      id: 'g',
      name: 'G',
      purpose: null,
      visibility: 'open',
      sizeCap: 6,
      memberCount: 1,
      seatsLeft: 5,
      createdAt: '2026-01-01T00:00:00.000Z',
      myRole: null,
      stage: 'forming',
      format: null,
      area: null,
      language: 'en',
      tags: [],
      plannedMeetings: null,
      nextMeetingAt: null,
      waitlistLength: 0,
      description: 'About',
      joiningCriteria: null,
      sessionAgenda: null,
      membersProposeSmallGroups: false,
      recordingRetentionDays: 30,
      members: null,
      staffRole: null,
      staff: null,
      can: {
        join: true,
        joinWaitlist: false,
        apply: false,
        invite: false,
        leave: false,
        close: false,
        manageMembers: false,
        edit: false,
        space: false,
        manageStaff: false,
        stepAway: false,
      },
    };
    expect(JSON.parse(write(base))).toEqual(base);
    const member = {
      ...base,
      purpose: 'Support',
      myRole: 'member',
      members: [{ userId: 'u', displayName: 'U', role: 'member', joinedAt: base.createdAt }],
    };
    expect(JSON.parse(write(member))).toEqual(member);
  });

  it('writes a null enum inside a nullable shared object', () => {
    const inner = z
      .object({ answer: z.enum(['yes', 'no']).nullable() })
      .meta({ id: 'SerializerInner' });
    const write = compile(z.object({ last: inner.nullable() }));
    const value = { last: { answer: null } };
    expect(JSON.parse(write(value))).toEqual(value);
    expect(JSON.parse(write({ last: null }))).toEqual({ last: null });
  });

  it('writes a frozen object once and reuses its JSON', () => {
    const write = compile(z.object({ id: z.string() }));
    const frozen = Object.freeze({ id: 'same' });
    expect(write(frozen)).toBe('{"id":"same"}');
    expect(write(frozen)).toBe(write(frozen));
    expect(write({ id: 'other' })).toBe('{"id":"other"}');
  });
});
