/**
 * The live session as a pure state machine: who is here, the agenda's phases, rounds of
 * equal time, turns, raised hands. The server owns order and time: every change is
 * `apply(state, command, actor, at)` with the server's clock, and gives a new state with the
 * next version (or a refusal with a reason). Clients only ever show a state they were sent.
 */

import type {
  BreakoutMode,
  HandOrder,
  LiveCommand,
  OrderMode,
  PhaseKind,
  Refusal,
  TurnChoice,
} from './liveCommands';
import { recentSpans, type Span, type SpeakingNow } from './speaking';

/** Feedback and coaching turns keep this share of the speaker's time for the responses. */
export const RESPONSE_SHARE = 0.4;

export interface Phase {
  id: string;
  title: string;
  kind: PhaseKind;
  plannedMs: number;
  /** What the phase is for, shown to everyone ('' when it says nothing). */
  guide: string;
}

export interface Participant {
  userId: string;
  name: string;
  /** Observers watch and take notes; they have no turn. */
  observer: boolean;
  /** A steward of the group (may take facilitation back when the rota's facilitator is away). */
  steward?: boolean;
  present: boolean;
  /** When they last arrived (server time). */
  arrivedAt: number;
}

export interface Turn {
  speakerId: string;
  choice: TurnChoice;
  startedAt: number;
  /** The whole of the speaker's share, responses included. */
  shareMs: number;
  /** The part of it kept for feedback or coaching. */
  responseMs: number;
}

/** Why a person's hand went down without them lowering it (they are told). */
export type HandLowered = 'called' | 'lowered' | 'new_part';

export interface RoomState {
  version: number;
  status: 'waiting' | 'running' | 'ended';
  facilitatorId: string | null;
  /** The meeting's facilitator from the rota: they can always take the role back. */
  designatedId: string | null;
  /** Every change of who facilitates, in order, so everyone can see it. */
  facilitatorLog: { from: string | null; to: string; at: number }[];
  participants: Participant[];
  phases: Phase[];
  /** -1 before the first phase starts. */
  phaseIndex: number;
  phaseStartedAt: number | null;
  /** Time added to (or taken from) the current phase while it runs. */
  phaseExtraMs: number;
  orderMode: OrderMode;
  /** For a round: the speaking order (people present when it was set, and arrivals). */
  order: string[];
  /** Who has had their turn (or passed) in this round. */
  done: string[];
  /** Who passed in this round (they are in `done` too); shown as passed. */
  passed: string[];
  /** In open discussion: whom the facilitator gave the floor, if anyone. */
  floorId: string | null;
  turn: Turn | null;
  choices: Record<string, TurnChoice>;
  hands: { userId: string; seq: number }[];
  nextHandSeq: number;
  /** Hands lowered by someone else, and why, until the person raises theirs again. */
  handsLowered: Record<string, HandLowered>;
  overruns: { userId: string; phaseId: string; ms: number }[];
  /** How long each person has spoken (turns and open discussion), over the whole session. */
  spokenMs: Record<string, number>;
  /** The rota's timekeeper, if the meeting has one: they keep the "who's speaking" control. */
  timekeeperId: string | null;
  /** Who observes (takes notes for the facilitator): the rota's observer, or whom the facilitator names. */
  observerId: string | null;
  /** Whether everyone is asked if they agree to be observed (focus groups ask at the start). */
  consentAsked: boolean;
  /** Each person's answer: observed, or not to be noted about. */
  observationConsent: Record<string, 'yes' | 'no'>;
  /** Who is speaking now: a turn's speaker, or whom the timekeeper marked in discussion. */
  speaking: SpeakingNow | null;
  /** Time spoken, by part and then by person. */
  spokenByPart: Record<string, Record<string, number>>;
  /** Stretches of open discussion that ended inside the nudge's window (for the nudge). */
  recent: Span[];
  /** Moments the facilitator marked advice nobody asked for, by part; never by person. */
  adviceMarks: { phaseId: string; at: number }[];
  handOrder: HandOrder;
  /** The parts that were started, in the order they were, each once. */
  held: string[];
  /** Small groups, while they are being formed or are running. */
  breakouts: Breakouts | null;
  /** Who was in which small group last time, and whether each shared its notes. */
  lastBreakouts: {
    id: string;
    groups: { id: string; name: string; members: string[]; shared: boolean }[];
  } | null;
  /** Who is in the call, and how (core/domain/call.ts). */
  call: Record<string, CallMember>;
  /** Each person's time heard over the session, as their own device measured it. */
  heardMs: Record<string, number>;
  /** The same, by part and then by person. */
  heardByPart: Record<string, Record<string, number>>;
  /** Recordings asked for in this session, the latest last (core/domain/recording.ts). */
  recordings: Recording[];
}

/**
 * A command the room applies: what people send (inferred from the wire schema), except that
 * choosing an agenda arrives here as the phases it plans, worked out by the server.
 */
export type Command =
  | Exclude<LiveCommand, { type: 'useTemplate' }>
  | { type: 'setPhases'; phases: Phase[]; askConsent?: boolean }
  /** The server's own: warnings and closing for small groups, when their time comes. */
  | { type: 'breakoutTick' };

/** Someone in the session's call, and how (core/domain/call.ts runs the call). */
export interface CallMember {
  muted: boolean;
  camera: boolean;
  /** The person asked for less: no video sent or received. */
  lowBandwidth: boolean;
  /** When they joined the call (server time). */
  since: number;
  /** When their device last reported time heard (server time). */
  reportedAt: number;
}

export type RecordingStatus = 'asking' | 'on' | 'declined' | 'stopped' | 'lapsed';

/** A recording of the call (core/domain/recording.ts runs it). */
export interface Recording {
  /** Unique in the session: the version it was asked at. */
  id: string;
  status: RecordingStatus;
  askedBy: string;
  askedAt: number;
  /** Each person's answer: in the round, or on arriving while it runs (the latest counts). */
  answers: Record<string, 'agree' | 'object'>;
  /** Everyone whose device recorded them at some time: their track may be uploaded. */
  recorded: string[];
  startedAt: number | null;
  endedAt: number | null;
  /** Who stopped it (kept for the log; not shown). */
  stoppedBy: string | null;
}

/** A small group: a room inside the room (core/domain/breakouts.ts runs them). */
export interface SmallGroup {
  id: string;
  name: string;
  /** The most people who may choose it. */
  cap: number;
  /** Who is in it: chosen, dealt or placed before it starts; who went in, after. */
  members: string[];
  /** Its own room once started (the same machine as the main room), else null. */
  room: RoomState | null;
  endsAt: number | null;
  extended: boolean;
  extendAgreed: string[];
  /** Warnings given: 0 none yet, 1 a minute left, 2 ten seconds left. */
  warned: 0 | 1 | 2;
  closed: boolean;
  /** Who in it chose to share its notes with everyone when they come back. */
  shareAgreed: string[];
}

export interface Breakouts {
  /** Unique in the session (the version it was proposed at). */
  id: string;
  mode: BreakoutMode;
  status: 'forming' | 'running';
  minutes: number;
  /** Whether the facilitator goes into a small group too (they may stay out of every one). */
  facilitatorJoins: boolean;
  /**
   * Who proposed them when it was not the facilitator (a member, where the group lets members
   * propose): they may start, change or call off their proposal, as the facilitator may.
   */
  proposedBy: string | null;
  /** The part of the agenda they were for. */
  partId: string | null;
  groups: SmallGroup[];
  /** Who went back to the main room before their group closed. */
  back: string[];
}

export type Outcome = { ok: true; state: RoomState } | { ok: false; refusal: Refusal };

export interface Actor {
  userId: string;
  name: string;
  observer: boolean;
  /** A steward of the group: may take facilitation back when the rota's facilitator is away. */
  steward?: boolean;
  /** The group lets any member propose small groups, not only the facilitator. */
  proposes?: boolean;
}

/** The most advice marks a session keeps (a mark beyond it changes nothing). */
export const MAX_ADVICE_MARKS = 200;

export function newRoom(
  phases: Phase[],
  facilitatorId: string | null,
  roles: { timekeeperId?: string | null; observerId?: string | null; askConsent?: boolean } = {},
): RoomState {
  return {
    version: 0,
    status: 'waiting',
    facilitatorId,
    designatedId: facilitatorId,
    facilitatorLog: [],
    participants: [],
    phases,
    phaseIndex: -1,
    phaseStartedAt: null,
    phaseExtraMs: 0,
    orderMode: 'facilitator',
    order: [],
    done: [],
    passed: [],
    floorId: null,
    turn: null,
    choices: {},
    hands: [],
    nextHandSeq: 1,
    handsLowered: {},
    overruns: [],
    spokenMs: {},
    held: [],
    timekeeperId: roles.timekeeperId ?? null,
    observerId: roles.observerId ?? null,
    consentAsked: roles.askConsent ?? false,
    observationConsent: {},
    speaking: null,
    spokenByPart: {},
    recent: [],
    adviceMarks: [],
    handOrder: 'raised',
    breakouts: null,
    lastBreakouts: null,
    call: {},
    heardMs: {},
    heardByPart: {},
    recordings: [],
  };
}

export function currentPhase(state: RoomState): Phase | null {
  return state.phases[state.phaseIndex] ?? null;
}

/** When the current phase is planned to end (server time), or null before one starts. */
export function phaseEndsAt(state: RoomState): number | null {
  const phase = currentPhase(state);
  if (!phase || state.phaseStartedAt === null) return null;
  return state.phaseStartedAt + phase.plannedMs + state.phaseExtraMs;
}

/** Whether the session's observer is a silent observer who is here. */
const silentObserverHere = (state: RoomState) =>
  state.participants.some((p) => p.userId === state.observerId && p.present && p.observer);

const present = (state: RoomState) =>
  state.participants.filter((p) => p.present && !p.observer).map((p) => p.userId);

/** Whether a person chose to pass (in this round, or ahead of the next one). */
const passes = (state: RoomState, id: string) =>
  state.passed.includes(id) || state.choices[id]?.mode === 'pass';

/** Who passed this round, then who asked to pass the next one. */
export function passedIds(state: RoomState): string[] {
  const ahead = Object.entries(state.choices)
    .filter(([id, c]) => c.mode === 'pass' && !state.passed.includes(id))
    .map(([id]) => id);
  return [...state.passed, ...ahead];
}

/**
 * People present in the round who have not had their turn yet, in speaking order. Someone
 * who passed is not waiting: not offered as next, and not counted in the equal split.
 */
export function waiting(state: RoomState): string[] {
  const here = new Set(present(state));
  return state.order.filter(
    (id) =>
      here.has(id) &&
      !state.done.includes(id) &&
      id !== state.turn?.speakerId &&
      !passes(state, id),
  );
}

/** What is left of the current speaker's share at `at` (never below zero). */
export function turnRemainingMs(state: RoomState, at: number): number {
  if (!state.turn) return 0;
  return Math.max(0, state.turn.startedAt + state.turn.shareMs - at);
}

/**
 * The equal share each waiting person gets now: the time left in the phase, less what the
 * current speaker still has, divided by the people present who have not had their turn.
 * Recomputed from scratch whenever anyone arrives, leaves or passes.
 */
export function equalShareMs(state: RoomState, at: number): number {
  const ends = phaseEndsAt(state);
  const people = waiting(state).length;
  if (ends === null || people === 0) return 0;
  const left = Math.max(0, ends - at - turnRemainingMs(state, at));
  return Math.floor(left / people);
}

/** The room changed: a new version with `change` applied (the one way any part bumps it). */
export function next(state: RoomState, change: Partial<RoomState>): Outcome {
  return { ok: true, state: { ...state, ...change, version: state.version + 1 } };
}

/** Accepted, but nothing changes (joining when already here, raising a raised hand). */
const unchanged = (state: RoomState): Outcome => ({ ok: true, state });

const refuse = (refusal: Refusal): Outcome => ({ ok: false, refusal });

/** A seeded shuffle (mulberry32), so "random order" is reproducible from the event log. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Whoever is speaking stops at `at`: their time goes into the record (the session's total and
 * the part's), and a stretch of open discussion is kept for the nudge while it is recent.
 */
function stopSpeaking(state: RoomState, at: number): Partial<RoomState> {
  const now = state.speaking;
  if (!now) return {};
  const ms = Math.max(0, at - now.since);
  const part = state.spokenByPart[now.phaseId] ?? {};
  const open = state.phases.find((p) => p.id === now.phaseId)?.kind === 'open';
  const span: Span = { userId: now.userId, phaseId: now.phaseId, from: now.since, to: at };
  return {
    speaking: null,
    spokenMs: { ...state.spokenMs, [now.userId]: (state.spokenMs[now.userId] ?? 0) + ms },
    spokenByPart: {
      ...state.spokenByPart,
      [now.phaseId]: { ...part, [now.userId]: (part[now.userId] ?? 0) + ms },
    },
    recent: recentSpans(open && ms > 0 ? [...state.recent, span] : state.recent, at),
  };
}

/** `userId` starts speaking at `at` in the current part (whoever was speaking stops). */
function startSpeaking(state: RoomState, userId: string, at: number): Partial<RoomState> {
  const phase = currentPhase(state);
  const stopped = stopSpeaking(state, at);
  if (!phase) return stopped;
  return { ...stopped, speaking: { userId, phaseId: phase.id, since: at } };
}

/** Ends the current turn at `at`, recording any overrun. */
function closeTurn(state: RoomState, at: number): Partial<RoomState> {
  const turn = state.turn;
  if (!turn) return stopSpeaking(state, at);
  const over = at - (turn.startedAt + turn.shareMs);
  const phase = currentPhase(state);
  // A choice is for one's next turn: used now, so the next round starts fresh.
  const { [turn.speakerId]: _used, ...choices } = state.choices;
  return {
    ...stopSpeaking(state, at),
    turn: null,
    choices,
    done: state.done.includes(turn.speakerId) ? state.done : [...state.done, turn.speakerId],
    overruns:
      over > 0 && phase
        ? [...state.overruns, { userId: turn.speakerId, phaseId: phase.id, ms: over }]
        : state.overruns,
  };
}

export function isFacilitator(state: RoomState, actor: Actor): boolean {
  return state.facilitatorId === null || state.facilitatorId === actor.userId;
}

/**
 * Applies one command from `actor` at server time `at`. Pure: the same state, command, actor
 * and time always give the same outcome. `seed` feeds random speaking orders.
 */
export function apply(
  state: RoomState,
  command: Command,
  actor: Actor,
  at: number,
  seed = 1,
): Outcome {
  if (state.status === 'ended') return refuse('ended');
  const me = state.participants.find((p) => p.userId === actor.userId);
  if (command.type !== 'join' && !me?.present) return refuse('not_here');

  switch (command.type) {
    case 'join': {
      if (me?.present && me.observer === actor.observer) return unchanged(state);
      const others = state.participants.filter((p) => p.userId !== actor.userId);
      const arriving: Participant = {
        userId: actor.userId,
        name: actor.name,
        observer: actor.observer,
        ...(actor.steward ? { steward: true } : {}),
        present: true,
        arrivedAt: me?.present ? me.arrivedAt : at,
      };
      const inRound = currentPhase(state)?.kind === 'round' && !actor.observer;
      // Someone who asked to pass arrives into a round: the pass takes effect now.
      const passing =
        inRound &&
        state.choices[actor.userId]?.mode === 'pass' &&
        !state.done.includes(actor.userId);
      const { [actor.userId]: _used, ...rest } = state.choices;
      return next(state, {
        participants: [...others, arriving],
        // An observer invited from outside the group (a silent observer) is the session's
        // observer, unless another such observer already is; the facilitator can change it.
        ...(actor.observer && !silentObserverHere(state) ? { observerId: actor.userId } : {}),
        // A late arrival joins the end of the round's order.
        order:
          inRound && !state.order.includes(actor.userId)
            ? [...state.order, actor.userId]
            : state.order,
        ...(passing
          ? {
              done: [...state.done, actor.userId],
              passed: [...state.passed, actor.userId],
              choices: rest,
            }
          : {}),
      });
    }
    case 'leave': {
      const change: Partial<RoomState> = {
        participants: state.participants.map((p) =>
          p.userId === actor.userId ? { ...p, present: false } : p,
        ),
        hands: state.hands.filter((h) => h.userId !== actor.userId),
      };
      if (state.turn?.speakerId === actor.userId) Object.assign(change, closeTurn(state, at));
      else if (state.speaking?.userId === actor.userId) {
        Object.assign(change, stopSpeaking(state, at));
      }
      return next(state, change);
    }
    case 'choose':
      // Passing is one thing however it is asked for: the same as the pass command.
      if (command.choice.mode === 'pass') return apply(state, { type: 'pass' }, actor, at, seed);
      return next(state, { choices: { ...state.choices, [actor.userId]: command.choice } });
    case 'hand': {
      const raised = state.hands.some((h) => h.userId === actor.userId);
      if (command.raised === raised) return unchanged(state);
      if (!command.raised) {
        return next(state, { hands: state.hands.filter((h) => h.userId !== actor.userId) });
      }
      // While someone is listened to without interruption, hands wait.
      if (state.turn?.choice.mode === 'listen') return refuse('listening');
      const { [actor.userId]: _told, ...handsLowered } = state.handsLowered;
      return next(state, {
        hands: [...state.hands, { userId: actor.userId, seq: state.nextHandSeq }],
        nextHandSeq: state.nextHandSeq + 1,
        handsLowered,
      });
    }
    case 'takeFacilitation': {
      if (state.facilitatorId === actor.userId) return unchanged(state);
      const holder = state.participants.find((p) => p.userId === state.facilitatorId);
      const designatedHere = state.participants.some(
        (p) => p.userId === state.designatedId && p.present,
      );
      // The rota's facilitator can always take the role back; failing them, a steward can.
      const entitled =
        actor.userId === state.designatedId || (actor.steward === true && !designatedHere);
      if (holder?.present && !entitled) return refuse('facilitator_present');
      return next(state, {
        facilitatorId: actor.userId,
        facilitatorLog: [
          ...state.facilitatorLog,
          { from: state.facilitatorId, to: actor.userId, at },
        ],
      });
    }
    case 'end': {
      if (!isFacilitator(state, actor)) return refuse('not_facilitator');
      return next(state, {
        ...closeTurn(state, at),
        status: 'ended',
        hands: [],
        handsLowered: {},
        floorId: null,
      });
    }
    default:
      break;
  }

  if (command.type === 'consentToObservation') {
    const answer = command.consent ? 'yes' : 'no';
    if (state.observationConsent[actor.userId] === answer) return unchanged(state);
    return next(state, {
      observationConsent: { ...state.observationConsent, [actor.userId]: answer },
    });
  }

  if (command.type === 'speaking') {
    if (!isFacilitator(state, actor) && state.timekeeperId !== actor.userId) {
      return refuse('not_timekeeper');
    }
    if (currentPhase(state)?.kind !== 'open' || state.phaseStartedAt === null) {
      return refuse('not_open');
    }
    if ((state.speaking?.userId ?? null) === command.userId) return unchanged(state);
    if (command.userId === null) return next(state, stopSpeaking(state, at));
    if (!present(state).includes(command.userId)) return refuse('not_here');
    return next(state, startSpeaking(state, command.userId, at));
  }

  // Everything below is the facilitator's, except passing and ending one's own turn.
  if (command.type === 'pass') {
    if (currentPhase(state)?.kind !== 'round') {
      // Outside a round, passing is for the next one: it is kept, and shown, until then.
      if (passes(state, actor.userId)) return unchanged(state);
      return next(state, {
        choices: {
          ...state.choices,
          [actor.userId]: { mode: 'pass', feedbackFrom: null, focus: null },
        },
      });
    }
    if (state.turn?.speakerId === actor.userId) return next(state, closeTurn(state, at));
    if (state.passed.includes(actor.userId)) return unchanged(state);
    if (state.done.includes(actor.userId)) return refuse('already_had_turn');
    const { [actor.userId]: _used, ...choices } = state.choices;
    return next(state, {
      done: [...state.done, actor.userId],
      passed: [...state.passed, actor.userId],
      choices,
    });
  }
  if (command.type === 'endTurn') {
    if (!state.turn) return refuse('no_turn');
    if (state.turn.speakerId !== actor.userId && !isFacilitator(state, actor))
      return refuse('not_facilitator');
    return next(state, closeTurn(state, at));
  }
  if (!isFacilitator(state, actor)) return refuse('not_facilitator');

  switch (command.type) {
    case 'startPhase': {
      const phase = state.phases[command.index];
      if (!phase) return refuse('bad_phase');
      const here = present(state);
      const closed = closeTurn(state, at);
      // Passing ahead of a round takes effect as it starts.
      const passing =
        phase.kind === 'round' ? here.filter((id) => state.choices[id]?.mode === 'pass') : [];
      const choices = Object.fromEntries(
        Object.entries(closed.choices ?? state.choices).filter(([id]) => !passing.includes(id)),
      );
      // A new part starts with hands down; each person whose hand was up is told why.
      const handsLowered = { ...state.handsLowered };
      for (const h of state.hands) handsLowered[h.userId] = 'new_part';
      const order =
        phase.kind !== 'round'
          ? []
          : state.orderMode === 'random'
            ? shuffle(here, seed)
            : state.orderMode === 'volunteers'
              ? []
              : here;
      return next(state, {
        ...closed,
        status: 'running',
        held: state.held.includes(phase.id) ? state.held : [...state.held, phase.id],
        phaseIndex: command.index,
        phaseStartedAt: at,
        phaseExtraMs: 0,
        order,
        done: passing,
        passed: passing,
        choices,
        floorId: null,
        turn: null,
        hands: [],
        handsLowered,
      });
    }
    case 'setPhases': {
      // The agenda is chosen before the session starts; after that, phases are adjusted.
      if (state.status !== 'waiting') return refuse('already_started');
      if (command.phases.length === 0) return refuse('bad_phase');
      return next(state, {
        phases: command.phases,
        ...(command.askConsent !== undefined ? { consentAsked: command.askConsent } : {}),
      });
    }
    case 'adjustPhase': {
      const phase = currentPhase(state);
      if (!phase || state.phaseStartedAt === null) return refuse('no_phase');
      return next(state, { phaseExtraMs: command.plannedMs - phase.plannedMs });
    }
    case 'setOrder': {
      if (command.mode === 'facilitator') {
        const order = command.order ?? state.order;
        const known = new Set(state.participants.map((p) => p.userId));
        if (new Set(order).size !== order.length || order.some((id) => !known.has(id)))
          return refuse('bad_order');
        return next(state, { orderMode: 'facilitator', order });
      }
      if (command.mode === 'random') {
        const fixed = state.order.filter((id) => state.done.includes(id));
        const rest = shuffle(
          present(state).filter((id) => !state.done.includes(id)),
          seed,
        );
        return next(state, { orderMode: 'random', order: [...fixed, ...rest] });
      }
      return next(state, { orderMode: 'volunteers' });
    }
    case 'callOn': {
      const hand = state.hands.some((h) => h.userId === command.userId);
      if (!present(state).includes(command.userId)) return refuse('not_here');
      const lowered = {
        hands: state.hands.filter((h) => h.userId !== command.userId),
        handsLowered: hand
          ? { ...state.handsLowered, [command.userId]: 'called' as const }
          : state.handsLowered,
      };
      if (currentPhase(state)?.kind === 'round') {
        const started = apply(
          state,
          { type: 'startTurn', speakerId: command.userId },
          actor,
          at,
          seed,
        );
        if (!started.ok) return started;
        return { ok: true, state: { ...started.state, ...lowered } };
      }
      if (!currentPhase(state)) return refuse('no_phase');
      // Given the floor, they are speaking now.
      return next(state, {
        ...lowered,
        floorId: command.userId,
        ...(state.speaking?.userId === command.userId
          ? {}
          : startSpeaking(state, command.userId, at)),
      });
    }
    case 'lowerHand': {
      if (!state.hands.some((h) => h.userId === command.userId)) return unchanged(state);
      return next(state, {
        hands: state.hands.filter((h) => h.userId !== command.userId),
        handsLowered: { ...state.handsLowered, [command.userId]: 'lowered' },
      });
    }
    case 'startTurn': {
      const phase = currentPhase(state);
      if (phase?.kind !== 'round') return refuse('not_a_round');
      if (state.turn) return refuse('turn_in_progress');
      const queue = waiting(state);
      // Volunteers: whoever the facilitator names (a raised hand, usually).
      const speakerId = command.speakerId ?? queue[0];
      if (!speakerId) return refuse('nobody_waiting');
      const here = present(state);
      if (!here.includes(speakerId)) return refuse('not_here');
      if (state.done.includes(speakerId)) return refuse('already_had_turn');
      if (passes(state, speakerId)) return refuse('passed');
      const order = state.order.includes(speakerId) ? state.order : [...state.order, speakerId];
      const people = new Set([...queue, speakerId]).size;
      const ends = phaseEndsAt(state) ?? at;
      const shareMs = Math.floor(Math.max(0, ends - at) / Math.max(1, people));
      const choice = state.choices[speakerId] ?? {
        mode: 'listen',
        feedbackFrom: null,
        focus: null,
      };
      return next(state, {
        order,
        speaking: { userId: speakerId, phaseId: phase.id, since: at },
        turn: {
          speakerId,
          choice,
          startedAt: at,
          shareMs,
          responseMs:
            choice.mode === 'feedback' || choice.mode === 'coaching'
              ? Math.floor(shareMs * RESPONSE_SHARE)
              : 0,
        },
        // Hands already raised stay raised (never lowered for anyone); new ones wait while
        // the speaker is listened to without interruption.
      });
    }
    case 'markAdvice': {
      const phase = currentPhase(state);
      if (phase?.kind !== 'open' || state.phaseStartedAt === null) return refuse('not_open');
      if (state.adviceMarks.length >= MAX_ADVICE_MARKS) return unchanged(state);
      return next(state, { adviceMarks: [...state.adviceMarks, { phaseId: phase.id, at }] });
    }
    case 'askObservationConsent':
      if (state.consentAsked === command.ask) return unchanged(state);
      return next(state, { consentAsked: command.ask });
    case 'setObserver': {
      if (state.observerId === command.userId) return unchanged(state);
      // Anyone here may observe, a silent observer from outside the group too.
      if (
        command.userId !== null &&
        !state.participants.some((p) => p.userId === command.userId && p.present)
      ) {
        return refuse('not_here');
      }
      return next(state, { observerId: command.userId });
    }
    case 'setHandOrder':
      if (state.handOrder === command.order) return unchanged(state);
      return next(state, { handOrder: command.order });
    default:
      return refuse('bad_phase');
  }
}
