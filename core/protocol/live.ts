/**
 * The live session's messages, both ways, as one versioned discriminated union. A message
 * that does not parse gets an `error` back; the connection and the room go on.
 * Times are server milliseconds since the epoch; clients convert with their measured offset.
 */
import { z } from 'zod';
import { ORDER_MODES, PHASE_KINDS, TURN_MODES } from '../domain/live';

export const LIVE_PROTOCOL_VERSION = 1;
/** Largest message either side may send. */
export const LIVE_MAX_MESSAGE_BYTES = 64 * 1024;

const userId = z.string().min(1).max(64);

export const turnChoiceSchema = z.strictObject({
  mode: z.enum(TURN_MODES),
  feedbackFrom: userId.nullable(),
  focus: z.string().trim().max(280).nullable(),
});

export const liveCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('join') }),
  z.strictObject({ type: z.literal('leave') }),
  z.strictObject({ type: z.literal('choose'), choice: turnChoiceSchema }),
  z.strictObject({ type: z.literal('startPhase'), index: z.number().int().min(0).max(50) }),
  z.strictObject({
    type: z.literal('adjustPhase'),
    plannedMs: z
      .number()
      .int()
      .min(60_000)
      .max(6 * 3_600_000),
  }),
  z.strictObject({
    type: z.literal('setOrder'),
    mode: z.enum(ORDER_MODES),
    order: z.array(userId).max(200).optional(),
  }),
  z.strictObject({ type: z.literal('startTurn'), speakerId: userId.optional() }),
  z.strictObject({ type: z.literal('endTurn') }),
  z.strictObject({ type: z.literal('pass') }),
  z.strictObject({ type: z.literal('hand'), raised: z.boolean() }),
  z.strictObject({ type: z.literal('takeFacilitation') }),
  /** Before starting: use one of the shipped agendas, scaled to the meeting's length. */
  z.strictObject({ type: z.literal('useTemplate'), templateId: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('end') }),
]);
export type LiveCommand = z.infer<typeof liveCommand>;

/** Client → server. */
export const clientMessage = z.discriminatedUnion('type', [
  z.strictObject({
    v: z.literal(LIVE_PROTOCOL_VERSION),
    type: z.literal('command'),
    /** Chosen by the client; a command retried with the same id applies once. */
    id: z.string().min(8).max(64),
    command: liveCommand,
  }),
  z.strictObject({
    v: z.literal(LIVE_PROTOCOL_VERSION),
    type: z.literal('ping'),
    /** The client's clock when it sent the ping (performance.now() or Date.now()). */
    t: z.number(),
  }),
  z.strictObject({ v: z.literal(LIVE_PROTOCOL_VERSION), type: z.literal('resync') }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

const phaseView = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(PHASE_KINDS),
  plannedMs: z.number(),
  guide: z.string(),
});

/** The room as everyone in it sees it (the same for all; each client marks itself). */
export const roomView = z.object({
  meetingId: z.string(),
  /** The agendas a facilitator can choose from before starting. */
  templates: z.array(z.object({ id: z.string(), name: z.string() })),
  groupId: z.string(),
  groupName: z.string(),
  purpose: z.string().nullable(),
  version: z.number().int(),
  status: z.enum(['waiting', 'running', 'ended']),
  facilitatorId: z.string().nullable(),
  participants: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      observer: z.boolean(),
      present: z.boolean(),
      arrivedAt: z.number(),
    }),
  ),
  phases: z.array(phaseView),
  phaseIndex: z.number().int(),
  phaseStartedAt: z.number().nullable(),
  phaseEndsAt: z.number().nullable(),
  orderMode: z.enum(ORDER_MODES),
  order: z.array(z.string()),
  done: z.array(z.string()),
  waiting: z.array(z.string()),
  turn: z
    .object({
      speakerId: z.string(),
      choice: turnChoiceSchema,
      startedAt: z.number(),
      shareMs: z.number(),
      responseMs: z.number(),
      endsAt: z.number(),
    })
    .nullable(),
  choices: z.record(z.string(), turnChoiceSchema),
  hands: z.array(z.object({ userId: z.string(), seq: z.number().int() })),
  overruns: z.array(z.object({ userId: z.string(), phaseId: z.string(), ms: z.number() })),
});
export type RoomView = z.infer<typeof roomView>;

/** Server → client. */
export const serverMessage = z.discriminatedUnion('type', [
  z.object({
    v: z.literal(LIVE_PROTOCOL_VERSION),
    type: z.literal('snapshot'),
    room: roomView,
    /** Who this connection is. */
    you: z.string(),
    serverTime: z.number(),
  }),
  z.object({ v: z.literal(LIVE_PROTOCOL_VERSION), type: z.literal('state'), room: roomView }),
  z.object({
    v: z.literal(LIVE_PROTOCOL_VERSION),
    type: z.literal('pong'),
    t: z.number(),
    serverTime: z.number(),
  }),
  z.object({
    v: z.literal(LIVE_PROTOCOL_VERSION),
    type: z.literal('ack'),
    id: z.string(),
    ok: z.boolean(),
    /** Why a command was refused, in plain words. */
    message: z.string().optional(),
    version: z.number().int(),
  }),
  z.object({
    v: z.literal(LIVE_PROTOCOL_VERSION),
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
  }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;
