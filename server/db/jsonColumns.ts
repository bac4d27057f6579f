/**
 * The shapes of the JSON Hearth keeps in text columns, as zod schemas. The queries that read
 * a column parse it here, once, and hand out typed values; nothing else calls JSON.parse on
 * stored data. Stored live-room state carries a schema version and older rows are upgraded
 * as they are read.
 */
import { z } from 'zod';
import type { AgreementChange, AgreementItem } from '../../core/domain/agreement';
import { codebookSchema } from '../../core/domain/codebook';
import type { Question } from '../../core/domain/joining';
import type { Breakouts, Command, RoomState } from '../../core/domain/live';
import {
  BREAKOUT_MODES,
  HAND_ORDERS,
  liveCommand,
  ORDER_MODES,
  PHASE_KINDS,
  turnChoiceSchema,
} from '../../core/domain/liveCommands';
import type { AgendaPhase } from '../../core/domain/liveTemplates';
import type { LoggedActor } from '../../core/domain/roomLog';
import { HAPPENINGS } from '../../core/domain/timeline';
import { REMINDER_CHOICES, SPACE_DIGESTS } from '../../core/protocol/mail';

/** A stored value that does not parse is a fault on our side, named by its column. */
export class StoredDataError extends Error {
  constructor(column: string, cause: unknown) {
    super(`stored ${column} does not match its shape`, { cause });
    this.name = 'StoredDataError';
  }
}

/** Parses one stored JSON text with its schema. */
export function parseColumn<T>(schema: z.ZodType<T>, text: string, column: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoredDataError(column, error);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new StoredDataError(column, result.error);
  return result.data;
}

export const storedQuestionnaire: z.ZodType<Question[]> = z.array(
  z.object({
    id: z.string(),
    kind: z.enum(['text', 'choice']),
    prompt: z.string(),
    required: z.boolean(),
    choices: z.array(z.string()),
    mix: z.boolean(),
  }),
);

export const storedAgenda: z.ZodType<AgendaPhase[]> = z.array(
  z.object({
    title: z.string(),
    kind: z.enum(PHASE_KINDS),
    minutes: z.number(),
    guide: z.string(),
  }),
);

const item = z.object({ id: z.string(), title: z.string(), text: z.string() });
export const storedItems: z.ZodType<AgreementItem[]> = z.array(item);

export const storedChange: z.ZodType<AgreementChange> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('adopt'), items: z.array(item) }),
  z.object({ kind: z.literal('add'), item }),
  z.object({ kind: z.literal('amend'), item }),
  z.object({ kind: z.literal('remove'), itemId: z.string(), title: z.string().optional() }),
]);

export const storedDecisionProposal = z.union([
  z.object({ purpose: z.string() }),
  z.object({
    option: z.enum(['continue', 'change', 'adjourn']),
    plannedMeetings: z.number().nullable(),
    changes: z.string().nullable(),
  }),
]);
export type DecisionProposal = z.infer<typeof storedDecisionProposal>;

export const storedAnswers = z.record(z.string(), z.string());

/** Preferences as a person last saved them; missing choices take the defaults. */
export const storedEmailPreferences = z
  .object({
    reminders: z.array(z.union(REMINDER_CHOICES.map((n) => z.literal(n)))),
    roles: z.boolean(),
    changes: z.boolean(),
    proposals: z.boolean(),
    spaceDigest: z.enum(SPACE_DIGESTS),
  })
  .partial();

// ---- Live rooms ------------------------------------------------------------------------------

/** The shape live rooms are stored in now. */
export const ROOM_SCHEMA_VERSION = 6;

const participant = z.object({
  userId: z.string(),
  name: z.string(),
  observer: z.boolean(),
  steward: z.boolean().optional(),
  present: z.boolean(),
  arrivedAt: z.number(),
});

const roomFields = {
  version: z.number().int(),
  status: z.enum(['waiting', 'running', 'ended']),
  facilitatorId: z.string().nullable(),
  participants: z.array(participant),
  phaseIndex: z.number().int(),
  phaseStartedAt: z.number().nullable(),
  phaseExtraMs: z.number(),
  orderMode: z.enum(ORDER_MODES),
  order: z.array(z.string()),
  done: z.array(z.string()),
  turn: z
    .object({
      speakerId: z.string(),
      choice: turnChoiceSchema,
      startedAt: z.number(),
      shareMs: z.number(),
      responseMs: z.number(),
    })
    .nullable(),
  choices: z.record(z.string(), turnChoiceSchema),
  hands: z.array(z.object({ userId: z.string(), seq: z.number().int() })),
  nextHandSeq: z.number().int(),
  overruns: z.array(z.object({ userId: z.string(), phaseId: z.string(), ms: z.number() })),
};

const phase = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(PHASE_KINDS),
  plannedMs: z.number(),
});

/** Version 1 (no `schema` field): a phase's guide could be missing. */
const roomV1 = z.object({
  ...roomFields,
  phases: z.array(phase.extend({ guide: z.string().optional() })),
});

const roomV2 = z.object({
  schema: z.literal(2),
  ...roomFields,
  phases: z.array(phase.extend({ guide: z.string() })),
});

/** Version 3: who the rota named as facilitator, passes, the floor, lowered hands, time spoken. */
const roomV3 = roomV2.extend({
  schema: z.literal(3),
  designatedId: z.string().nullable(),
  facilitatorLog: z.array(
    z.object({ from: z.string().nullable(), to: z.string(), at: z.number() }),
  ),
  passed: z.array(z.string()),
  floorId: z.string().nullable(),
  handsLowered: z.record(z.string(), z.enum(['called', 'lowered', 'new_part'])),
  spokenMs: z.record(z.string(), z.number()),
  held: z.array(z.string()),
});

/**
 * Version 4: the record of who spoke (per part, and who is speaking now), the hand order, the
 * observer, and small groups (each with a room of the same shape inside).
 */
const roomFieldsV4 = roomV3.omit({ schema: true }).extend({
  breakouts: z.lazy(() => storedBreakouts).nullable(),
  lastBreakouts: z
    .object({
      id: z.string(),
      groups: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          members: z.array(z.string()),
          shared: z.boolean(),
        }),
      ),
    })
    .nullable(),
  timekeeperId: z.string().nullable(),
  observerId: z.string().nullable(),
  consentAsked: z.boolean(),
  observationConsent: z.record(z.string(), z.enum(['yes', 'no'])),
  speaking: z.object({ userId: z.string(), phaseId: z.string(), since: z.number() }).nullable(),
  spokenByPart: z.record(z.string(), z.record(z.string(), z.number())),
  recent: z.array(
    z.object({ userId: z.string(), phaseId: z.string(), from: z.number(), to: z.number() }),
  ),
  adviceMarks: z.array(z.object({ phaseId: z.string(), at: z.number() })),
  handOrder: z.enum(HAND_ORDERS),
});
const roomV4 = roomFieldsV4.extend({ schema: z.literal(4) });

/** Version 5: the call (who is in it, and how), and time heard as each device measured it. */
const callFields = {
  call: z.record(
    z.string(),
    z.object({
      muted: z.boolean(),
      camera: z.boolean(),
      lowBandwidth: z.boolean(),
      since: z.number(),
      reportedAt: z.number(),
    }),
  ),
  heardMs: z.record(z.string(), z.number()),
  heardByPart: z.record(z.string(), z.record(z.string(), z.number())),
};
const roomV5 = roomFieldsV4.extend({ ...callFields, schema: z.literal(5) });

/** Version 6: recordings of the call, with each person's answer (core/domain/recording.ts). */
const recordingFields = {
  recordings: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['asking', 'on', 'declined', 'stopped', 'lapsed']),
      askedBy: z.string(),
      askedAt: z.number(),
      answers: z.record(z.string(), z.enum(['agree', 'object'])),
      recorded: z.array(z.string()),
      startedAt: z.number().nullable(),
      endedAt: z.number().nullable(),
      stoppedBy: z.string().nullable(),
    }),
  ),
};
const roomV6 = roomFieldsV4.extend({ ...callFields, ...recordingFields, schema: z.literal(6) });
/**
 * A small group's room: stored without the call's fields before version 5, and without
 * recordings before 6 (it never has either).
 */
const smallRoomFields = roomFieldsV4.extend({
  call: callFields.call.default({}),
  heardMs: callFields.heardMs.default({}),
  heardByPart: callFields.heardByPart.default({}),
  recordings: recordingFields.recordings.default([]),
});

const storedBreakouts: z.ZodType<Breakouts> = z.object({
  id: z.string(),
  mode: z.enum(BREAKOUT_MODES),
  status: z.enum(['forming', 'running']),
  minutes: z.number(),
  facilitatorJoins: z.boolean(),
  // Stored before members could propose: the facilitator proposed them.
  proposedBy: z.string().nullable().default(null),
  partId: z.string().nullable(),
  back: z.array(z.string()),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      cap: z.number().int(),
      members: z.array(z.string()),
      room: z.lazy(() => smallRoomFields).nullable(),
      endsAt: z.number().nullable(),
      extended: z.boolean(),
      extendAgreed: z.array(z.string()),
      warned: z.union([z.literal(0), z.literal(1), z.literal(2)]),
      closed: z.boolean(),
      shareAgreed: z.array(z.string()),
    }),
  ),
});

/** What version 6 added, for a room stored before it. */
type AddedInV6 = 'recordings';
function fromV5(state: Omit<RoomState, AddedInV6>): RoomState {
  return { ...state, recordings: [] };
}

/** What version 5 added, for a room stored before it. */
type AddedInV5 = 'call' | 'heardMs' | 'heardByPart';
function fromV4(state: Omit<RoomState, AddedInV5 | AddedInV6>): RoomState {
  return fromV5({ ...state, call: {}, heardMs: {}, heardByPart: {} });
}

/** What version 4 added, for a room stored before it. */
type AddedInV4 =
  | 'breakouts'
  | 'lastBreakouts'
  | 'timekeeperId'
  | 'observerId'
  | 'consentAsked'
  | 'observationConsent'
  | 'speaking'
  | 'spokenByPart'
  | 'recent'
  | 'adviceMarks'
  | 'handOrder';
function fromV3(state: Omit<RoomState, AddedInV4 | AddedInV5 | AddedInV6>): RoomState {
  const phaseId = state.phases[state.phaseIndex]?.id;
  return fromV4({
    ...state,
    breakouts: null,
    lastBreakouts: null,
    timekeeperId: null,
    observerId: null,
    consentAsked: false,
    observationConsent: {},
    // A turn under way is someone speaking; time spoken before was not kept by part.
    speaking:
      state.turn && phaseId
        ? { userId: state.turn.speakerId, phaseId, since: state.turn.startedAt }
        : null,
    spokenByPart: {},
    recent: [],
    adviceMarks: [],
    handOrder: 'raised',
  });
}

/** What version 3 added, for a room stored before it. */
type AddedInV3 =
  | 'designatedId'
  | 'facilitatorLog'
  | 'passed'
  | 'floorId'
  | 'handsLowered'
  | 'spokenMs'
  | 'held';
function fromV2(state: Omit<RoomState, AddedInV3 | AddedInV4 | AddedInV5 | AddedInV6>): RoomState {
  return fromV3({
    ...state,
    designatedId: state.facilitatorId,
    facilitatorLog: [],
    passed: [],
    floorId: null,
    handsLowered: {},
    spokenMs: {},
    // Before version 3 the parts held were not kept: those up to the current one.
    held: state.phases.slice(0, Math.max(0, state.phaseIndex + 1)).map((p) => p.id),
  });
}

/** Each older shape's step up to the next; the last step gives the current shape. */
const upgrades = {
  1: (text: string) => {
    const state = parseColumn(roomV1, text, 'live_rooms.state (v1)');
    return fromV2({ ...state, phases: state.phases.map((p) => ({ ...p, guide: p.guide ?? '' })) });
  },
  2: (text: string) => {
    const { schema: _schema, ...state } = parseColumn(roomV2, text, 'live_rooms.state (v2)');
    return fromV2(state);
  },
  3: (text: string) => {
    const { schema: _schema, ...state } = parseColumn(roomV3, text, 'live_rooms.state (v3)');
    return fromV3(state);
  },
  4: (text: string) => {
    const { schema: _schema, ...state } = parseColumn(roomV4, text, 'live_rooms.state (v4)');
    return fromV4(state);
  },
  5: (text: string) => {
    const { schema: _schema, ...state } = parseColumn(roomV5, text, 'live_rooms.state (v5)');
    return fromV5(state);
  },
  6: (text: string) => {
    const { schema: _schema, ...state } = parseColumn(roomV6, text, 'live_rooms.state');
    return state;
  },
} satisfies Record<number, (text: string) => RoomState>;

/**
 * A logged live command as it was applied: one a person sent (an agenda chosen is applied as
 * its parts), or the server's own tick for small groups.
 */
const appliedCommand = z.union([
  liveCommand,
  z.object({
    type: z.literal('setPhases'),
    phases: z.array(phase.extend({ guide: z.string() })),
    askConsent: z.boolean().optional(),
  }),
  z.object({ type: z.literal('breakoutTick') }),
]);

/** The command a log row applied: `applied` when it differs from `command`, else `command`. */
export function parseAppliedCommand(row: { command: string; applied: string | null }): Command {
  const parsed =
    row.applied === null
      ? parseColumn(appliedCommand, row.command, 'live_events.command')
      : parseColumn(appliedCommand, row.applied, 'live_events.applied');
  if (parsed.type === 'useTemplate') {
    throw new StoredDataError('live_events.applied', 'an agenda is logged with its parts');
  }
  return parsed;
}

/** Who sent a logged command, as far as the rules look (core/domain/roomLog.ts). */
export const storedActor: z.ZodType<LoggedActor> = z.object({
  observer: z.boolean(),
  steward: z.boolean().optional(),
  proposes: z.boolean().optional(),
});

/** What a logged live command amounted to (core/domain/timeline.ts). */
export const storedHappenings = z.array(
  z.object({
    kind: z.enum(HAPPENINGS),
    userId: z.string().optional(),
    partId: z.string().optional(),
  }),
);

/** The observer's codebook, as a group keeps it. */
export const storedCodebook = codebookSchema;

/** The people an observer's note is about. */
export const storedPeople = z.array(z.string());

/** A stored room in any shape it was ever stored in, read as the current one. */
export function parseRoomState(text: string): RoomState {
  const schema = parseColumn(
    z.object({ schema: z.number().int().optional() }),
    text,
    'live_rooms.state',
  ).schema;
  const read = upgrades[(schema ?? 1) as keyof typeof upgrades];
  if (!read) throw new StoredDataError('live_rooms.state', `unknown schema ${schema}`);
  return read(text);
}

/**
 * A room as it is written: the current shape, marked with its version. A room is saved on
 * every change, and a change touches a part of it. States are never changed once made, so
 * text is kept by the object it was made from: each small group's, and the rest of the room's
 * (but its version), which is reused when `before`, the state this one was made from, had the
 * same parts. The same JSON as a plain `JSON.stringify`, but for the order of its keys.
 */
export function roomStateText(state: RoomState, before?: RoomState): string {
  const { breakouts, version } = state;
  const rest = restText(state, before);
  const parts = ['{"schema":', String(ROOM_SCHEMA_VERSION), ',"version":', String(version)];
  if (rest !== '{}') parts.push(',', rest.slice(1, -1));
  if (breakouts === null) parts.push(',"breakouts":null');
  else if (breakouts) {
    const { groups, ...others } = breakouts;
    const groupsText = `[${groups.map(groupText).join(',')}]`;
    parts.push(',"breakouts":', withMember(JSON.stringify(others), 'groups', groupsText));
  }
  parts.push('}');
  // Joined at once: one flat string, which the database driver reads without copying again.
  return parts.join('');
}

const restTexts = new WeakMap<RoomState, string>();

/** The room's JSON without its version and small groups: made again only when it changed. */
function restText(state: RoomState, before: RoomState | undefined): string {
  let text = restTexts.get(state);
  if (text !== undefined) return text;
  const held = before && restTexts.get(before);
  if (held !== undefined && before && sameRest(state, before)) text = held;
  else {
    const { version: _version, breakouts: _breakouts, ...rest } = state;
    text = JSON.stringify(rest);
  }
  restTexts.set(state, text);
  return text;
}

/** Whether two states have the very same parts, but for their version and small groups. */
function sameRest(a: RoomState, b: RoomState): boolean {
  const keys = Object.keys(a) as (keyof RoomState)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (key !== 'version' && key !== 'breakouts' && a[key] !== b[key]) return false;
  }
  return true;
}

type StoredGroup = NonNullable<RoomState['breakouts']>['groups'][number];
const groupTexts = new WeakMap<StoredGroup, string>();

function groupText(group: StoredGroup): string {
  let text = groupTexts.get(group);
  if (text === undefined) {
    text = JSON.stringify(group);
    groupTexts.set(group, text);
  }
  return text;
}

/** An object's JSON with one more member, whose value is already JSON. */
function withMember(objectText: string, key: string, valueText: string | undefined): string {
  if (valueText === undefined) return objectText;
  const member = `${JSON.stringify(key)}:${valueText}`;
  return objectText === '{}' ? `{${member}}` : `${objectText.slice(0, -1)},${member}}`;
}
