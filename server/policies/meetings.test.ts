import { describe, expect, it } from 'vitest';
import { type MeetingAction, meetingPolicy } from './meetings';
import { GROUP_VIEWER_ROLES } from './predicates';

const facts = [
  { isHost: false, isFacilitator: false },
  { isHost: true, isFacilitator: false },
  { isHost: false, isFacilitator: true },
];

/** Expected answers: role → [plain member facts, host, facilitator]. Staff are not in meetings. */
const expected: Record<MeetingAction, Record<string, [boolean, boolean, boolean]>> = {
  view: {
    signed_out: [false, false, false],
    non_member: [false, false, false],
    facilitator: [false, false, false],
    coordinator: [false, false, false],
    observer: [false, false, false],
    member: [true, true, true],
    steward: [true, true, true],
  },
  rsvp: {
    signed_out: [false, false, false],
    non_member: [false, false, false],
    facilitator: [false, false, false],
    coordinator: [false, false, false],
    observer: [false, false, false],
    member: [true, true, true],
    steward: [true, true, true],
  },
  setReadiness: {
    signed_out: [false, false, false],
    non_member: [false, false, false],
    facilitator: [false, false, false],
    coordinator: [false, false, false],
    observer: [false, false, false],
    member: [true, true, true],
    steward: [true, true, true],
  },
  swap: {
    signed_out: [false, false, false],
    non_member: [false, false, false],
    facilitator: [false, false, false],
    coordinator: [false, false, false],
    observer: [false, false, false],
    member: [true, true, true],
    steward: [true, true, true],
  },
  schedule: {
    signed_out: [false, false, false],
    non_member: [false, false, false],
    facilitator: [false, false, false],
    coordinator: [false, false, false],
    observer: [false, false, false],
    member: [false, false, false],
    steward: [true, true, true],
  },
  change: {
    signed_out: [false, false, false],
    non_member: [false, false, false],
    facilitator: [false, false, false],
    coordinator: [false, false, false],
    observer: [false, false, false],
    member: [false, true, false],
    steward: [true, true, true],
  },
  cancel: {
    signed_out: [false, false, false],
    non_member: [false, false, false],
    facilitator: [false, false, false],
    coordinator: [false, false, false],
    observer: [false, false, false],
    member: [false, true, false],
    steward: [true, true, true],
  },
  recordAttendance: {
    signed_out: [false, false, false],
    non_member: [false, false, false],
    facilitator: [false, false, false],
    coordinator: [false, false, false],
    observer: [false, false, false],
    member: [false, false, true],
    steward: [true, true, true],
  },
};

describe('meetingPolicy', () => {
  for (const action of Object.keys(meetingPolicy) as MeetingAction[]) {
    for (const role of GROUP_VIEWER_ROLES) {
      it(`${action} for ${role}`, () => {
        expect(
          facts.map((f) =>
            meetingPolicy[action](role, { visibility: 'open', stage: 'active', ...f }),
          ),
        ).toEqual(expected[action][role]);
      });
    }
  }
});
