import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSENT_RESPONSES,
  type ConsentInput,
  type ConsentResponse,
  decide,
  quorumNeeded,
  responseProblem,
} from './consent';

const DAY = 86_400_000;

function input(
  responses: Record<string, ConsentResponse>,
  members: string[],
  nowMs = 0,
  deadlineMs = 7 * DAY,
): ConsentInput {
  return {
    activeMemberIds: members,
    responses: new Map(Object.entries(responses)),
    nowMs,
    deadlineMs,
  };
}

const arbitraryCase = fc
  .uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 12 })
  .chain((members) =>
    fc.record({
      members: fc.constant(members),
      responses: fc.dictionary(fc.constantFrom(...members), fc.constantFrom(...CONSENT_RESPONSES)),
      nowMs: fc.integer({ min: 0, max: 10 * DAY }),
      leavers: fc.subarray(members),
    }),
  );

describe('consent decision', () => {
  it('adopts when everyone agrees, at once', () => {
    const outcome = decide(input({ a: 'agree', b: 'agree', c: 'stand_aside' }, ['a', 'b', 'c']));
    expect(outcome).toMatchObject({ state: 'adopted', why: 'everyone_responded' });
  });

  it('keeps a proposal with an objection open, even after the deadline', () => {
    const outcome = decide(
      input({ a: 'agree', b: 'agree', c: 'object' }, ['a', 'b', 'c'], 8 * DAY),
    );
    expect(outcome).toMatchObject({ state: 'open', why: 'objection' });
  });

  it('waits for the others until the deadline, then adopts with a quorum', () => {
    const members = ['a', 'b', 'c', 'd', 'e'];
    expect(decide(input({ a: 'agree', b: 'agree', c: 'agree' }, members, DAY)).state).toBe('open');
    expect(decide(input({ a: 'agree', b: 'agree', c: 'agree' }, members, 7 * DAY))).toMatchObject({
      state: 'adopted',
      why: 'deadline_passed',
    });
    expect(decide(input({ a: 'agree', b: 'agree' }, members, 7 * DAY))).toMatchObject({
      state: 'lapsed',
    });
  });

  it('needs more than half to agree', () => {
    expect(quorumNeeded(1)).toBe(1);
    expect(quorumNeeded(2)).toBe(2);
    expect(quorumNeeded(3)).toBe(2);
    expect(quorumNeeded(4)).toBe(3);
    expect(quorumNeeded(6)).toBe(4);
    // Everyone standing aside is not consent to adopt.
    expect(decide(input({ a: 'stand_aside', b: 'stand_aside' }, ['a', 'b'])).state).toBe('open');
  });

  it('never adopts a proposal with an objection', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ members, responses, nowMs }) => {
        const outcome = decide(input(responses, members, nowMs));
        if (Object.values(responses).includes('object')) expect(outcome.state).not.toBe('adopted');
      }),
    );
  });

  it('never adopts below quorum', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ members, responses, nowMs }) => {
        const outcome = decide(input(responses, members, nowMs));
        if (outcome.state === 'adopted') {
          const agree = Object.values(responses).filter((r) => r === 'agree').length;
          expect(agree).toBeGreaterThan(members.length / 2);
        }
      }),
    );
  });

  it('does not depend on the order responses arrive', () => {
    fc.assert(
      fc.property(arbitraryCase, fc.integer(), ({ members, responses, nowMs }, seed) => {
        const entries = Object.entries(responses);
        const shuffled = [...entries].sort(
          (x, y) => ((x[0].charCodeAt(0) * seed) % 7) - ((y[0].charCodeAt(0) * seed) % 7),
        );
        const a = decide({
          activeMemberIds: members,
          responses: new Map(entries),
          nowMs,
          deadlineMs: 7 * DAY,
        });
        const b = decide({
          activeMemberIds: [...members].reverse(),
          responses: new Map(shuffled),
          nowMs,
          deadlineMs: 7 * DAY,
        });
        expect(b.state).toBe(a.state);
        expect(b.why).toBe(a.why);
      }),
    );
  });

  it('stops counting a member who leaves', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ members, responses, nowMs, leavers }) => {
        const staying = members.filter((m) => !leavers.includes(m));
        fc.pre(staying.length > 0);
        const withLeaversResponses = decide(input(responses, staying, nowMs));
        const withoutThem = decide(
          input(
            Object.fromEntries(Object.entries(responses).filter(([m]) => staying.includes(m))),
            staying,
            nowMs,
          ),
        );
        expect(withLeaversResponses).toEqual(withoutThem);
        expect(withLeaversResponses.tally.active).toBe(staying.length);
      }),
    );
  });

  it('asks an objection for its reason, and nothing of the other responses', () => {
    expect(responseProblem('object', null)).toBe('objection_needs_reason');
    expect(responseProblem('object', '   ')).toBe('objection_needs_reason');
    expect(responseProblem('object', 'It needs a line on texting.')).toBeNull();
    expect(responseProblem('agree', null)).toBeNull();
    expect(responseProblem('stand_aside', undefined)).toBeNull();
  });
});
