/**
 * The live session's messages, both ways, as one versioned discriminated union. Both sides
 * check every message they receive against it. A message that does not parse gets an `error`
 * back; the connection and the room go on. A client of another protocol version is closed
 * with `LIVE_CLOSE.outdated` and asked to reload. Refusals and errors are codes; the web app
 * puts them into words. Times are server milliseconds since the epoch; clients convert with
 * their measured offset.
 */
import { z } from 'zod';
import {
  BREAKOUT_MODES,
  HAND_ORDERS,
  liveCommand,
  ORDER_MODES,
  PHASE_KINDS,
  REFUSALS,
  turnChoiceSchema,
} from '../domain/liveCommands';
import { SPACES } from '../domain/space';

export const LIVE_PROTOCOL_VERSION = 6;
/** Largest message either side may send. */
export const LIVE_MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Why the server closed a socket (WebSocket close codes 4000–4999 are the application's).
 * The close reason is the key, so the web app can say it in its own words.
 */
export const LIVE_CLOSE = {
  /** The client speaks another protocol version: reload the page. */
  outdated: 4000,
  /** The person's session ended (signed out, or ended from another device). */
  signed_out: 4001,
  /** The person is no longer in the group, or the group has adjourned. */
  access_ended: 4003,
  /** The meeting was cancelled. */
  meeting_cancelled: 4004,
} as const;
export type LiveCloseReason = keyof typeof LIVE_CLOSE;

/**
 * A node shutting down (a restart or a deploy) closes its sockets with 1001 "going away" and
 * this reason; the client says so and reconnects, to this node when it is back or another.
 */
export const LIVE_RESTARTING = { code: 1001, reason: 'restarting' } as const;

/** Codes for problems with a message (not refusals by the room). */
export const LIVE_ERRORS = ['bad_message', 'rate_limited', 'internal'] as const;
export type LiveError = (typeof LIVE_ERRORS)[number];

const v = z.literal(LIVE_PROTOCOL_VERSION);

/**
 * A WebRTC signal between two people in the call, relayed by the server only between people
 * present in the same session: a session description, or an ICE candidate (null: no more).
 */
export const callSignal = z
  .strictObject({
    description: z
      .strictObject({
        type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
        sdp: z.string().max(32_000),
      })
      .optional(),
    candidate: z
      .strictObject({
        candidate: z.string().max(2_000),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .nullable()
      .optional(),
  })
  .refine((s) => (s.description === undefined) !== (s.candidate === undefined), {
    message: 'one description or one candidate',
  });
export type CallSignal = z.infer<typeof callSignal>;

/** The STUN and TURN servers a browser in the call may use, with credentials for this person. */
export const iceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});

/** Client → server. */
export const clientMessage = z.discriminatedUnion('type', [
  z.strictObject({
    v,
    type: z.literal('command'),
    /** Chosen by the client; a command retried with the same id applies once. */
    id: z.string().min(8).max(64),
    command: liveCommand,
  }),
  z.strictObject({
    v,
    type: z.literal('ping'),
    /** The client's clock when it sent the ping (performance.now() or Date.now()). */
    t: z.number(),
  }),
  z.strictObject({ v, type: z.literal('resync') }),
  /** To one other person in the call. */
  z.strictObject({
    v,
    type: z.literal('signal'),
    to: z.string().min(1).max(64),
    signal: callSignal,
  }),
  /** Asks for the servers that help browsers reach each other (and short-lived credentials). */
  z.strictObject({ v, type: z.literal('ice') }),
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
const roomViewBase = z.object({
  meetingId: z.string(),
  /** The agendas a facilitator can choose from before starting ('group' is the group's own). */
  templates: z.array(z.object({ id: z.string(), name: z.string() })),
  groupId: z.string(),
  groupName: z.string(),
  purpose: z.string().nullable(),
  version: z.number().int(),
  status: z.enum(['waiting', 'running', 'ended']),
  facilitatorId: z.string().nullable(),
  /** The meeting's facilitator from the rota (they can always take the role back). */
  designatedId: z.string().nullable(),
  /** Every change of who facilitates, oldest first. */
  facilitatorLog: z.array(
    z.object({ from: z.string().nullable(), to: z.string(), at: z.number() }),
  ),
  participants: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      observer: z.boolean(),
      steward: z.boolean().optional(),
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
  /** Who passed this round, or asked to pass the next one. */
  passed: z.array(z.string()),
  waiting: z.array(z.string()),
  /** In open discussion: who has the floor, if the facilitator gave it. */
  floorId: z.string().nullable(),
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
  /** Hands someone else lowered, and why, until the person raises theirs again. */
  handsLowered: z.record(z.string(), z.enum(['called', 'lowered', 'new_part'])),
  overruns: z.array(z.object({ userId: z.string(), phaseId: z.string(), ms: z.number() })),
  /** Time each person spoke in turns over the session (for the summary at the end). */
  spokenMs: z.record(z.string(), z.number()),
  /** The parts that were started, in order. */
  held: z.array(z.string()),
  /** The meeting's timekeeper from the rota: they mark who is speaking in discussion. */
  timekeeperId: z.string().nullable(),
  /** Who observes: takes notes that only they and the facilitator read. Shown to everyone. */
  observerId: z.string().nullable(),
  /** Whether everyone is asked if they agree to be observed, and each person's answer. */
  consentAsked: z.boolean(),
  observationConsent: z.record(z.string(), z.enum(['yes', 'no'])),
  /** Who is speaking now (a turn, or marked in discussion), and since when. */
  speaking: z.object({ userId: z.string(), since: z.number() }).nullable(),
  /** How raised hands are ordered (`hands` comes in that order). */
  handOrder: z.enum(HAND_ORDERS),
  /** How many times advice nobody asked for was noted in this part (never by whom). */
  adviceMarks: z.number().int(),
});
/** A small group's room: the same shape as the main room's (without small groups of its own). */
export type SmallRoomView = z.infer<typeof roomViewBase>;

export const breakoutsView = z.object({
  id: z.string(),
  mode: z.enum(BREAKOUT_MODES),
  status: z.enum(['forming', 'running']),
  minutes: z.number(),
  facilitatorJoins: z.boolean(),
  /** The member who proposed them, when it was not the facilitator: they run them too. */
  proposedBy: z.string().nullable(),
  /** Who went back to the main room before their group closed. */
  back: z.array(z.string()),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      cap: z.number().int(),
      members: z.array(z.string()),
      /** Server time the group closes (null before it starts). */
      endsAt: z.number().nullable(),
      extended: z.boolean(),
      extendAgreed: z.array(z.string()),
      /** 0 no warning yet, 1 a minute left, 2 ten seconds left. */
      warned: z.number().int(),
      closed: z.boolean(),
      /** Who in it agreed to share its notes with everyone when all come back. */
      shareAgreed: z.array(z.string()),
      room: roomViewBase.nullable(),
    }),
  ),
});
export type BreakoutsView = z.infer<typeof breakoutsView>;

/** The room as everyone in it sees it, small groups included. */
export const roomView = roomViewBase.extend({
  /** The group lets any member propose small groups, not only the facilitator. */
  membersPropose: z.boolean(),
  breakouts: breakoutsView.nullable(),
  /** Who was in which small group last time. */
  lastBreakouts: z
    .object({
      id: z.string(),
      groups: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          members: z.array(z.string()),
          /** Whether its notes were shared with everyone. */
          shared: z.boolean(),
        }),
      ),
    })
    .nullable(),
  /** Who is in the call, and how: shown to everyone (mute and camera are each person's own). */
  call: z.record(
    z.string(),
    z.object({ muted: z.boolean(), camera: z.boolean(), lowBandwidth: z.boolean() }),
  ),
  /** Each person's time heard so far, as their own device measured it. */
  heardMs: z.record(z.string(), z.number()),
  /**
   * The recording asked for or running now: who agreed (their own device records them while
   * it runs and they are in the call) and who chose to be left out. Never who said no to it.
   */
  recording: z
    .object({
      id: z.string(),
      status: z.enum(['asking', 'on']),
      askedBy: z.string(),
      askedAt: z.number(),
      startedAt: z.number().nullable(),
      agreed: z.array(z.string()),
      leftOut: z.array(z.string()),
    })
    .nullable(),
  /** How the latest recording ended, when none is asked for or running. */
  recordingEnded: z
    .object({
      id: z.string(),
      status: z.enum(['declined', 'stopped', 'lapsed']),
      endedAt: z.number().nullable(),
    })
    .nullable(),
  /** How many days the group keeps its recordings before they are erased. */
  recordingDays: z.number().int(),
});
export type RoomView = z.infer<typeof roomView>;

/** One change to the room as sent: the three JSON Patch operations the server makes. */
const roomOperation = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('remove'), path: z.string() }),
  z.object({ op: z.literal('replace'), path: z.string(), value: z.unknown() }),
]);
export type RoomOperation = z.infer<typeof roomOperation>;

/** Server → client. */
export const serverMessage = z.discriminatedUnion('type', [
  z.object({
    v,
    type: z.literal('snapshot'),
    room: roomView,
    /** Who this connection is. */
    you: z.string(),
    serverTime: z.number(),
  }),
  z.object({ v, type: z.literal('state'), room: roomView }),
  /**
   * What changed from version `from` to `to`, as JSON Patch (RFC 6902) operations on the room
   * as sent. A client holding `from` applies it; one holding another version asks to resync.
   */
  z.object({
    v,
    type: z.literal('patch'),
    from: z.number().int(),
    to: z.number().int(),
    ops: z.array(roomOperation),
  }),
  z.object({ v, type: z.literal('pong'), t: z.number(), serverTime: z.number() }),
  z.object({
    v,
    type: z.literal('ack'),
    id: z.string(),
    ok: z.boolean(),
    /** Why a command was refused, as a code. */
    refusal: z.enum(REFUSALS).optional(),
    version: z.number().int(),
  }),
  z.object({ v, type: z.literal('error'), code: z.enum(LIVE_ERRORS) }),
  /**
   * To the facilitator alone: one or two voices have filled the last ten minutes of open
   * discussion, so a round may help (`round`), or no longer (`null`).
   */
  z.object({ v, type: z.literal('nudge'), suggest: z.literal('round').nullable() }),
  /** A signal from another person in the call. */
  z.object({ v, type: z.literal('signal'), from: z.string(), signal: callSignal }),
  /**
   * The servers to use for the call: STUN, and TURN with credentials valid until `expires`.
   * `relay` is false when no TURN server is configured (then only networks where the browsers
   * can reach each other directly can carry the call).
   */
  z.object({
    v,
    type: z.literal('ice'),
    iceServers: z.array(iceServer),
    relay: z.boolean(),
    expires: z.number().nullable(),
  }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;

/**
 * Server → client on a group space's socket (`/api/groups/:id/space/live`): ids only. A
 * notice says a thread has something new or changed (`seq` 0: changed, not new); the client
 * reads it over HTTP, where the one reading rule applies. `resync`: notices may have been
 * missed; read the page again.
 */
export const spaceMessage = z.discriminatedUnion('type', [
  z.object({
    v,
    type: z.literal('thread'),
    space: z.enum(SPACES),
    threadId: z.string(),
    seq: z.number().int(),
  }),
  z.object({ v, type: z.literal('resync') }),
]);
export type SpaceMessage = z.infer<typeof spaceMessage>;

export { type LiveCommand, liveCommand } from '../domain/liveCommands';
