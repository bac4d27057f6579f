import { describe, expect, it } from 'vitest';
import { newRoom, type RoomState } from '../../core/domain/live';
import {
  parseColumn,
  parseRoomState,
  ROOM_SCHEMA_VERSION,
  roomStateText,
  StoredDataError,
  storedAnswers,
  storedItems,
} from './jsonColumns';

const room: RoomState = newRoom(
  [
    {
      id: 'checkin',
      title: 'Check-in',
      kind: 'round',
      plannedMs: 600_000,
      guide: 'Say one thing.',
    },
    { id: 'open', title: 'Open', kind: 'open', plannedMs: 900_000, guide: '' },
  ],
  'ann',
);

describe('stored JSON columns', () => {
  it('parse into their typed shape', () => {
    expect(parseColumn(storedItems, '[{"id":"a","title":"T","text":"X"}]', 'x')).toEqual([
      { id: 'a', title: 'T', text: 'X' },
    ]);
    expect(parseColumn(storedAnswers, '{"hope":"peers"}', 'x')).toEqual({ hope: 'peers' });
  });

  it('name the column when the text is not JSON or not the shape', () => {
    expect(() => parseColumn(storedItems, '{not json', 'agreement_versions.items')).toThrow(
      /agreement_versions\.items/,
    );
    expect(() => parseColumn(storedItems, '[{"title":1}]', 'agreement_versions.items')).toThrow(
      StoredDataError,
    );
  });
});

describe('stored live rooms', () => {
  it('are written with their schema version and read back the same', () => {
    const text = roomStateText(room);
    expect(JSON.parse(text).schema).toBe(ROOM_SCHEMA_VERSION);
    expect(parseRoomState(text)).toEqual(room);
  });

  it('upgrade the first shape, with no schema and phases without guides, on read', () => {
    const v1 = { ...room, phases: room.phases.map(({ guide: _guide, ...phase }) => phase) };
    const read = parseRoomState(JSON.stringify(v1));
    expect(read.phases.map((p) => p.guide)).toEqual(['', '']);
    expect(read).toEqual({ ...room, phases: room.phases.map((p) => ({ ...p, guide: '' })) });
    // And keep a guide that a first-shape room happened to have.
    expect(parseRoomState(JSON.stringify(room)).phases[0]?.guide).toBe('Say one thing.');
  });

  it('upgrade the second shape: the rota’s facilitator, parts held so far, nothing passed', () => {
    const {
      designatedId: _d,
      facilitatorLog: _f,
      passed: _p,
      floorId: _fl,
      handsLowered: _h,
      spokenMs: _s,
      held: _held,
      ...v2
    } = { ...room, status: 'running' as const, phaseIndex: 1, facilitatorId: 'ann' };
    const read = parseRoomState(JSON.stringify({ schema: 2, ...v2 }));
    expect(read).toMatchObject({
      designatedId: 'ann',
      facilitatorLog: [],
      passed: [],
      floorId: null,
      handsLowered: {},
      spokenMs: {},
      held: ['checkin', 'open'],
    });
  });

  it('upgrade the third shape: a turn under way is someone speaking, nothing kept by part', () => {
    const {
      timekeeperId: _t,
      observerId: _o,
      consentAsked: _c,
      observationConsent: _oc,
      speaking: _s,
      spokenByPart: _p,
      recent: _r,
      adviceMarks: _a,
      handOrder: _h,
      ...v3
    } = {
      ...room,
      status: 'running' as const,
      phaseIndex: 0,
      turn: {
        speakerId: 'ben',
        choice: { mode: 'listen' as const, feedbackFrom: null, focus: null },
        startedAt: 1_000,
        shareMs: 60_000,
        responseMs: 0,
      },
      spokenMs: { ann: 5_000 },
    };
    expect(parseRoomState(JSON.stringify({ schema: 3, ...v3 }))).toMatchObject({
      timekeeperId: null,
      speaking: { userId: 'ben', phaseId: 'checkin', since: 1_000 },
      spokenByPart: {},
      spokenMs: { ann: 5_000 },
      recent: [],
      adviceMarks: [],
      handOrder: 'raised',
    });
  });

  it('refuse a schema from the future and a damaged room, by name', () => {
    expect(() => parseRoomState(JSON.stringify({ ...room, schema: 99 }))).toThrow(StoredDataError);
    expect(() =>
      parseRoomState(JSON.stringify({ schema: ROOM_SCHEMA_VERSION, ...room, status: 'lost' })),
    ).toThrow(/live_rooms\.state/);
  });
});
