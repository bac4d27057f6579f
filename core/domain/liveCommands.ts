/**
 * What people can ask of a live room, as one zod union: the wire protocol carries it
 * (core/protocol/live.ts) and the room's state machine (core/domain/live.ts) takes the type
 * inferred from it, so the two can never drift apart.
 */
import { z } from 'zod';

export const TURN_MODES = ['listen', 'feedback', 'coaching', 'pass'] as const;
export type TurnMode = (typeof TURN_MODES)[number];

export const ORDER_MODES = ['facilitator', 'random', 'volunteers'] as const;
export type OrderMode = (typeof ORDER_MODES)[number];

/** How raised hands are ordered: as they went up, or whoever has spoken least first. */
export const HAND_ORDERS = ['raised', 'leastHeard'] as const;
export type HandOrder = (typeof HAND_ORDERS)[number];

/** A round gives everyone present an equal turn; open phases have no turns, only hands. */
export const PHASE_KINDS = ['round', 'open'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

const userId = z.string().min(1).max(64);

export const turnChoiceSchema = z.strictObject({
  mode: z.enum(TURN_MODES),
  /** For feedback: one named person, or null for everyone. */
  feedbackFrom: userId.nullable(),
  focus: z.string().trim().max(280).nullable(),
});
export type TurnChoice = z.infer<typeof turnChoiceSchema>;

const choose = z.strictObject({ type: z.literal('choose'), choice: turnChoiceSchema });
const startTurn = z.strictObject({ type: z.literal('startTurn'), speakerId: userId.optional() });
const endTurn = z.strictObject({ type: z.literal('endTurn') });
const pass = z.strictObject({ type: z.literal('pass') });
const hand = z.strictObject({ type: z.literal('hand'), raised: z.boolean() });
/** Calls on someone (a raised hand): their turn, or the floor in discussion. */
const callOn = z.strictObject({ type: z.literal('callOn'), userId });
/** Lowers someone's hand; the person is told. */
const lowerHand = z.strictObject({ type: z.literal('lowerHand'), userId });

/**
 * What people do inside a small group: the room's own turns and hands, with nobody in a role
 * (so anyone in it may start the next turn).
 */
export const inGroupCommand = z.discriminatedUnion('type', [
  choose,
  startTurn,
  endTurn,
  pass,
  hand,
  callOn,
  lowerHand,
]);

export const BREAKOUT_MODES = ['choose', 'deal', 'hand'] as const;
export type BreakoutMode = (typeof BREAKOUT_MODES)[number];

const groupId = z.string().min(1).max(16);

/** Small groups: proposed, chosen or placed, started, extended, left, ended. */
const breakoutCommands = [
  z.strictObject({
    type: z.literal('proposeBreakouts'),
    mode: z.enum(BREAKOUT_MODES),
    /** About how many in each: pairs or threes (or more). */
    size: z.number().int().min(2).max(8),
    minutes: z.number().int().min(1).max(90),
    /** Names for the groups, if the facilitator gives them (their number is then the count). */
    names: z.array(z.string().trim().min(1).max(40)).min(1).max(20).optional(),
    facilitatorJoins: z.boolean(),
  }),
  z.strictObject({ type: z.literal('chooseGroup'), groupId }),
  z.strictObject({ type: z.literal('placeInGroup'), userId, groupId: groupId.nullable() }),
  z.strictObject({ type: z.literal('cancelBreakouts') }),
  z.strictObject({ type: z.literal('startBreakouts') }),
  z.strictObject({ type: z.literal('inGroup'), command: inGroupCommand }),
  z.strictObject({ type: z.literal('agreeExtend') }),
  /** Whether one agrees to share the group's notes with everyone when all come back. */
  z.strictObject({ type: z.literal('shareNotes'), share: z.boolean() }),
  z.strictObject({ type: z.literal('backToMain') }),
  z.strictObject({ type: z.literal('endBreakouts') }),
] as const;
export const breakoutCommand = z.discriminatedUnion('type', [...breakoutCommands]);
export type BreakoutCommand = Exclude<z.infer<typeof breakoutCommand>, { type: 'inGroup' }>;
export type InGroupCommand = Extract<z.infer<typeof breakoutCommand>, { type: 'inGroup' }>;

export const liveCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('join') }),
  z.strictObject({ type: z.literal('leave') }),
  choose,
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
  startTurn,
  endTurn,
  pass,
  hand,
  z.strictObject({ type: z.literal('takeFacilitation') }),
  callOn,
  lowerHand,
  /**
   * In open discussion, the timekeeper or facilitator marks who is speaking now (null: nobody),
   * for the record of who spoke.
   */
  z.strictObject({ type: z.literal('speaking'), userId: userId.nullable() }),
  /** In open discussion, the facilitator notes advice nobody asked for (never who gave it). */
  z.strictObject({ type: z.literal('markAdvice') }),
  /** Each person says whether they agree to be observed (asked when the session asks). */
  z.strictObject({ type: z.literal('consentToObservation'), consent: z.boolean() }),
  /** The facilitator asks everyone whether they agree to be observed (focus groups do at once). */
  z.strictObject({ type: z.literal('askObservationConsent'), ask: z.boolean() }),
  /** The facilitator names who observes (takes notes for them), or nobody. */
  z.strictObject({ type: z.literal('setObserver'), userId: userId.nullable() }),
  /** The facilitator orders raised hands as they went up, or least heard first. */
  z.strictObject({ type: z.literal('setHandOrder'), order: z.enum(HAND_ORDERS) }),
  /** Before starting: use one of the group's agendas, scaled to the meeting's length. */
  z.strictObject({ type: z.literal('useTemplate'), templateId: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('end') }),
  ...breakoutCommands,
  /** The call: joining it (with or without camera), leaving, one's own mute and camera. */
  z.strictObject({ type: z.literal('callJoin'), camera: z.boolean() }),
  z.strictObject({ type: z.literal('callLeave') }),
  z.strictObject({
    type: z.literal('callMedia'),
    muted: z.boolean(),
    camera: z.boolean(),
    lowBandwidth: z.boolean(),
  }),
  /** A device's running total of the time its person was heard (the largest one counts). */
  z.strictObject({
    type: z.literal('heard'),
    totalMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 3_600_000),
  }),
  /** Recording the call: asking everyone, one's own answer, stopping it for everyone. */
  z.strictObject({ type: z.literal('recordAsk') }),
  z.strictObject({ type: z.literal('recordAnswer'), agree: z.boolean() }),
  z.strictObject({ type: z.literal('recordStop') }),
]);
export type LiveCommand = z.infer<typeof liveCommand>;
export type LiveCommandType = LiveCommand['type'];

/** Every reason a room can refuse a command: codes, put into words by the web app. */
export const REFUSALS = [
  'not_facilitator',
  'not_here',
  'ended',
  'no_phase',
  'not_a_round',
  'turn_in_progress',
  'no_turn',
  'nobody_waiting',
  'already_had_turn',
  'listening',
  'bad_phase',
  'bad_order',
  'facilitator_present',
  'already_started',
  'passed',
  'not_open',
  'not_timekeeper',
  'breakouts_running',
  'no_breakouts',
  'no_such_group',
  'not_choosing',
  'already_in_group',
  'group_full',
  'not_in_group',
  'already_extended',
  'already_proposed',
  'call_full',
  'not_in_call',
  'recording_members_only',
  'recording_under_way',
  'recording_limit',
  'not_recording',
] as const;
export type Refusal = (typeof REFUSALS)[number];
