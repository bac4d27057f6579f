import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type Command,
  newRoom,
  type Phase,
  type RoomState,
} from '../../core/domain/live';
import { SESSION_TEMPLATES } from '../../core/domain/liveTemplates';
import { applyCommand } from '../../core/domain/room';
import { followRoom, type HeldRoom, type RoomMessage } from '../../core/protocol/followRoom';
import { LIVE_PROTOCOL_VERSION, type RoomView, serverMessage } from '../../core/protocol/live';
import { parseRoomState, ROOM_SCHEMA_VERSION, roomStateText } from '../db/jsonColumns';
import { changeMessage } from './node';
import { type LiveAccess, toRoomView } from './rooms';

const MIN = 60_000;
const PHASES: Phase[] = [
  { id: 'checkin', title: 'Check-in', kind: 'round', plannedMs: 12 * MIN, guide: 'Arrive.' },
  { id: 'open', title: 'Open discussion', kind: 'open', plannedMs: 40 * MIN, guide: '' },
  { id: 'checkout', title: 'Check-out', kind: 'round', plannedMs: 8 * MIN, guide: '' },
];
const people: Actor[] = ['ann', 'ben', 'cal', 'dee', 'eve'].map((id) => ({
  userId: id,
  name: `${id} "the / ~ one"`,
  observer: false,
}));
const access = {
  meetingId: 'm1',
  groupId: 'g1',
  groupName: 'Tuesday circle',
  purpose: null,
  templates: SESSION_TEMPLATES,
  actor: { userId: 'ann', name: 'Ann', observer: false, proposes: false },
  recordingDays: 30,
} as unknown as LiveAccess;

const view = (state: RoomState) => toRoomView(state, access);
const parse = (text: string) => serverMessage.parse(JSON.parse(text));

/** What a person might do: enough to move people, hands, parts, small groups and recordings. */
const step = fc.tuple(
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.constantFrom<Command>(
        { type: 'join' },
        { type: 'leave' },
        { type: 'hand', raised: true },
        { type: 'hand', raised: false },
        { type: 'startPhase', index: 1 },
        { type: 'startPhase', index: 2 },
        { type: 'proposeBreakouts', mode: 'deal', size: 2, minutes: 10, facilitatorJoins: true },
        { type: 'startBreakouts' },
        { type: 'startBreakouts' },
        { type: 'inGroup', command: { type: 'hand', raised: true } },
        { type: 'inGroup', command: { type: 'pass' } },
        { type: 'backToMain' },
        { type: 'endBreakouts' },
      ),
    },
    // Now and then the call and its recording, so their parts of the room change too.
    {
      weight: 1,
      arbitrary: fc.constantFrom<Command>(
        { type: 'callJoin', camera: false },
        { type: 'recordAsk' },
        { type: 'recordAnswer', agree: true },
        { type: 'recordAnswer', agree: false },
        { type: 'recordStop' },
      ),
    },
  ),
  fc.integer({ min: 0, max: people.length - 1 }),
);

const FACILITATING = new Set(['startPhase', 'proposeBreakouts', 'startBreakouts', 'endBreakouts']);

describe('changes sent as patches, and rooms saved', () => {
  it('take a client holding the last room to exactly the next one, whatever happened', () => {
    const seen = { patches: 0, inGroups: 0 };
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (random) => {
        // Everyone arrives and the open part begins; then anything may happen.
        const steps: [Command, number][] = [
          ...people.map((_, i): [Command, number] => [{ type: 'join' }, i]),
          [{ type: 'startPhase', index: 1 }, 0],
          ...random,
        ];
        let state = newRoom(PHASES, 'ann');
        roomStateText(state);
        let held: HeldRoom = { room: view(state), heard: state.version };
        let sent: RoomView = view(state);
        for (const [i, [command, who]] of steps.entries()) {
          // The facilitator's own commands come from Ann, the facilitator.
          const by = FACILITATING.has(command.type) ? 0 : who;
          const out = applyCommand(state, command, people[by] as Actor, i * 1000, i + 1);
          if (!out.ok || out.state.version === state.version) continue;
          const before = state;
          state = out.state;
          const next = view(state);
          const message = parse(changeMessage(sent, next));
          if (message.type !== 'patch' && message.type !== 'state') throw new Error(message.type);
          if (message.type === 'patch') seen.patches += 1;
          if (state.breakouts?.status === 'running') seen.inGroups += 1;
          const followed = followRoom(held, message);
          expect(followed.resync).toBe(false);
          expect(followed.room).toEqual(JSON.parse(JSON.stringify(next)));
          held = followed;
          sent = next;
          // Saved as it is, though the text of parts that did not change is reused.
          expect(parseRoomState(roomStateText(state, before))).toEqual(state);
          expect(JSON.parse(roomStateText(state))).toEqual(
            JSON.parse(JSON.stringify({ schema: ROOM_SCHEMA_VERSION, ...state })),
          );
        }
      }),
      { numRuns: 150 },
    );
    // The runs did reach patches, and small groups running.
    expect(seen.patches).toBeGreaterThan(500);
    expect(seen.inGroups).toBeGreaterThan(5);
  });

  it('are small for a small change, and the whole room is sent when there is nothing to patch', () => {
    const before = newRoom(PHASES, 'ann');
    const joined = applyCommand(before, { type: 'join' }, people[1] as Actor, 0);
    if (!joined.ok) throw new Error('join refused');
    const raised = applyCommand(
      joined.state,
      { type: 'hand', raised: true },
      people[1] as Actor,
      1,
    );
    if (!raised.ok) throw new Error('hand refused');
    const patch = changeMessage(view(joined.state), view(raised.state));
    expect(parse(patch)).toMatchObject({ type: 'patch', from: 1, to: 2 });
    expect(patch.length).toBeLessThan(JSON.stringify(view(raised.state)).length / 4);
    expect(parse(changeMessage(undefined, view(raised.state))).type).toBe('state');
  });
});

describe('a client following the room', () => {
  const at = (version: number): RoomView => ({ ...view(newRoom(PHASES, 'ann')), version });
  const patch = (from: number, to: number): Extract<RoomMessage, { type: 'patch' }> => ({
    v: LIVE_PROTOCOL_VERSION,
    type: 'patch',
    from,
    to,
    ops: [{ op: 'replace', path: '/version', value: to }],
  });

  it('applies a patch made from the version it holds', () => {
    const out = followRoom({ room: at(3), heard: 3 }, patch(3, 4));
    expect(out).toMatchObject({ resync: false, heard: 4 });
    expect(out.room?.version).toBe(4);
  });

  it('ignores a patch it is already past, and asks to catch up after a gap', () => {
    expect(followRoom({ room: at(5), heard: 5 }, patch(3, 4))).toMatchObject({ resync: false });
    const gap = followRoom({ room: at(3), heard: 3 }, patch(4, 5));
    expect(gap).toMatchObject({ resync: true, heard: 5 });
    expect(gap.room?.version).toBe(3);
  });

  it('asks to catch up when a snapshot comes older than a change it already heard of', () => {
    const early = followRoom({ room: null, heard: -1 }, patch(4, 5));
    expect(early).toMatchObject({ room: null, heard: 5, resync: false });
    const snapshot = followRoom(early, {
      v: LIVE_PROTOCOL_VERSION,
      type: 'snapshot',
      room: at(4),
      you: 'ann',
      serverTime: 0,
    });
    expect(snapshot.resync).toBe(true);
  });

  it('refuses a patch that does not make a room, and one that reaches for the prototype', () => {
    const broken = followRoom(
      { room: at(3), heard: 3 },
      { ...patch(3, 4), ops: [{ op: 'replace', path: '/hands', value: 'many' }] },
    );
    expect(broken).toMatchObject({ resync: true });
    expect(broken.room?.version).toBe(3);
    const polluting = followRoom(
      { room: at(3), heard: 3 },
      { ...patch(3, 4), ops: [{ op: 'add', path: '/__proto__/polluted', value: true }] },
    );
    expect(polluting.resync).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
