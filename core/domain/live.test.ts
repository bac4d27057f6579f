import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  apply,
  type Command,
  equalShareMs,
  newRoom,
  type Phase,
  phaseEndsAt,
  type RoomState,
  turnRemainingMs,
  waiting,
} from './live';
import { planPhases, SESSION_TEMPLATES } from './liveTemplates';

const MIN = 60_000;
const PHASES: Phase[] = [
  { id: 'checkin', title: 'Check-in', kind: 'round', plannedMs: 12 * MIN, guide: '' },
  { id: 'open', title: 'Open discussion', kind: 'open', plannedMs: 20 * MIN, guide: '' },
  { id: 'time', title: 'Members’ time', kind: 'round', plannedMs: 30 * MIN, guide: '' },
];
const people: Actor[] = ['ann', 'ben', 'cal', 'dee', 'eve'].map((id) => ({
  userId: id,
  name: id,
  observer: false,
}));
const facilitator = people[0] as Actor;

function run(state: RoomState, steps: [Command, Actor, number][]): RoomState {
  let s = state;
  for (const [command, actor, at] of steps) {
    const out = apply(s, command, actor, at);
    if (!out.ok) throw new Error(`${command.type} refused: ${out.refusal}`);
    s = out.state;
  }
  return s;
}

describe('a check-in round', () => {
  it('gives each person present an equal share of the time left, recomputed on arrivals', () => {
    const [ann, ben, cal, dee] = people as [Actor, Actor, Actor, Actor];
    let s = run(newRoom(PHASES, 'ann'), [
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
      [{ type: 'join' }, cal, 0],
      [{ type: 'startPhase', index: 0 }, ann, 0],
    ]);
    expect(equalShareMs(s, 0)).toBe(4 * MIN);
    s = run(s, [[{ type: 'startTurn' }, ann, 0]]);
    expect(s.turn).toMatchObject({ speakerId: 'ann', shareMs: 4 * MIN });
    // Dee arrives a minute in: she joins the end of the order; the shares are recomputed.
    s = run(s, [[{ type: 'join' }, dee, MIN]]);
    expect(waiting(s)).toEqual(['ben', 'cal', 'dee']);
    // 11 minutes left, 3 of them still Ann's: 8 minutes for three people.
    expect(equalShareMs(s, MIN)).toBe(Math.floor((8 * MIN) / 3));
    // Ann runs over by 30 seconds: it is recorded, never cut off.
    s = run(s, [[{ type: 'endTurn' }, ann, 4 * MIN + 30_000]]);
    expect(s.overruns).toEqual([{ userId: 'ann', phaseId: 'checkin', ms: 30_000 }]);
    // Ben passes before his turn; Cal is next.
    s = run(s, [[{ type: 'pass' }, ben, 5 * MIN]]);
    expect(waiting(s)).toEqual(['cal', 'dee']);
    expect(equalShareMs(s, 5 * MIN)).toBe(3.5 * MIN);
  });

  it('keeps time for responses in a feedback turn, and holds hands during listening', () => {
    const [ann, ben, cal] = people as [Actor, Actor, Actor];
    let s = run(newRoom(PHASES, 'ann'), [
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
      [{ type: 'join' }, cal, 0],
      [
        { type: 'choose', choice: { mode: 'feedback', feedbackFrom: 'cal', focus: 'My plan' } },
        ben,
        0,
      ],
      [{ type: 'startPhase', index: 2 }, ann, 0],
      [{ type: 'hand', raised: true }, cal, 0],
      [{ type: 'startTurn' }, ann, 0],
    ]);
    expect(s.turn?.choice.mode).toBe('listen');
    // Cal's hand, raised before, stays raised; Ben cannot raise one while Ann is listened to.
    expect(s.hands).toEqual([{ userId: 'cal', seq: 1 }]);
    expect(apply(s, { type: 'hand', raised: true }, ben, MIN)).toEqual({
      ok: false,
      refusal: 'listening',
    });
    s = run(s, [
      [{ type: 'endTurn' }, ann, MIN],
      [{ type: 'startTurn' }, ann, MIN],
    ]);
    expect(s.turn).toMatchObject({
      speakerId: 'ben',
      choice: { mode: 'feedback', feedbackFrom: 'cal', focus: 'My plan' },
    });
    expect(s.turn?.responseMs).toBe(Math.floor((s.turn?.shareMs ?? 0) * 0.4));
    s = run(s, [[{ type: 'hand', raised: true }, ann, MIN]]);
    expect(s.hands.map((h) => h.userId)).toEqual(['cal', 'ann']);
  });

  it('uses a choice for one turn only: a pass in check-in does not carry into members’ time', () => {
    const [ann, ben] = people as [Actor, Actor];
    let s = run(newRoom(PHASES, 'ann'), [
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
      [{ type: 'startPhase', index: 0 }, ann, 0],
      [{ type: 'pass' }, ben, 0],
      [{ type: 'choose', choice: { mode: 'coaching', feedbackFrom: null, focus: null } }, ann, 0],
      [{ type: 'startTurn' }, ann, 0],
      [{ type: 'endTurn' }, ann, MIN],
      [{ type: 'startPhase', index: 2 }, ann, MIN],
    ]);
    expect(s.choices).toEqual({});
    expect(waiting(s)).toEqual(['ann', 'ben']);
    s = run(s, [
      [{ type: 'startTurn' }, ann, MIN],
      [{ type: 'endTurn' }, ann, 2 * MIN],
      [{ type: 'startTurn' }, ann, 2 * MIN],
    ]);
    expect(s.turn).toMatchObject({ speakerId: 'ben', choice: { mode: 'listen' } });
  });

  it('lets only the facilitator run the agenda, and a member take over when they are gone', () => {
    const [ann, ben] = people as [Actor, Actor];
    let s = run(newRoom(PHASES, 'ann'), [
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
    ]);
    expect(apply(s, { type: 'startPhase', index: 0 }, ben, 0)).toEqual({
      ok: false,
      refusal: 'not_facilitator',
    });
    expect(apply(s, { type: 'takeFacilitation' }, ben, 0)).toEqual({
      ok: false,
      refusal: 'facilitator_present',
    });
    s = run(s, [
      [{ type: 'leave' }, ann, MIN],
      [{ type: 'takeFacilitation' }, ben, MIN],
      [{ type: 'startPhase', index: 0 }, ben, MIN],
    ]);
    expect(s.facilitatorId).toBe('ben');
  });
});

describe('passing, hands and who facilitates', () => {
  const [ann, ben, cal] = people as [Actor, Actor, Actor];
  const start = () =>
    run(newRoom(PHASES, 'ann'), [
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
      [{ type: 'join' }, cal, 0],
    ]);

  it('shows a passer as passed, leaves them out of the split and never offers them next', () => {
    // Ben passes ahead of the round (the one way to pass, whichever control he used).
    let s = run(start(), [
      [{ type: 'choose', choice: { mode: 'pass', feedbackFrom: null, focus: null } }, ben, 0],
      [{ type: 'startPhase', index: 0 }, ann, 0],
    ]);
    expect(s.passed).toEqual(['ben']);
    expect(waiting(s)).toEqual(['ann', 'cal']);
    expect(equalShareMs(s, 0)).toBe(6 * MIN);
    expect(apply(s, { type: 'startTurn', speakerId: 'ben' }, ann, 0)).toEqual({
      ok: false,
      refusal: 'already_had_turn',
    });
    // Cal passes during the round: the same.
    s = run(s, [[{ type: 'pass' }, cal, 0]]);
    expect(s.passed).toEqual(['ben', 'cal']);
    expect(waiting(s)).toEqual(['ann']);
    // A pass is for one round: the next round has everyone again.
    s = run(s, [[{ type: 'startPhase', index: 2 }, ann, MIN]]);
    expect(s.passed).toEqual([]);
    expect(waiting(s)).toEqual(['ann', 'ben', 'cal']);
  });

  it('lets the facilitator call on a hand or lower it, telling the person, and lowers hands as a part begins', () => {
    let s = run(start(), [
      [{ type: 'startPhase', index: 1 }, ann, 0],
      [{ type: 'hand', raised: true }, ben, 0],
      [{ type: 'hand', raised: true }, cal, 0],
      [{ type: 'callOn', userId: 'ben' }, ann, MIN],
    ]);
    expect(s.floorId).toBe('ben');
    expect(s.hands.map((h) => h.userId)).toEqual(['cal']);
    expect(s.handsLowered).toEqual({ ben: 'called' });
    s = run(s, [[{ type: 'lowerHand', userId: 'cal' }, ann, MIN]]);
    expect(s.hands).toEqual([]);
    expect(s.handsLowered).toEqual({ ben: 'called', cal: 'lowered' });
    expect(apply(s, { type: 'lowerHand', userId: 'ann' }, ben, MIN)).toEqual({
      ok: false,
      refusal: 'not_facilitator',
    });
    // Raising again clears the note; a new part lowers every hand and says so.
    s = run(s, [
      [{ type: 'hand', raised: true }, cal, 2 * MIN],
      [{ type: 'startPhase', index: 2 }, ann, 3 * MIN],
    ]);
    expect(s.hands).toEqual([]);
    expect(s.handsLowered.cal).toBe('new_part');
    expect(s.floorId).toBeNull();
    // In a round, calling on a hand starts that person's turn.
    s = run(s, [
      [{ type: 'hand', raised: true }, cal, 3 * MIN],
      [{ type: 'callOn', userId: 'cal' }, ann, 3 * MIN],
    ]);
    expect(s.turn?.speakerId).toBe('cal');
    expect(s.handsLowered.cal).toBe('called');
  });

  it('gives the role back to the rota’s facilitator, or a steward when they are away, and logs each change', () => {
    const steward: Actor = { userId: 'dee', name: 'dee', observer: false, steward: true };
    // Ben arrives first and takes the role while Ann (the rota's facilitator) is not here.
    let s = run(newRoom(PHASES, 'ann'), [
      [{ type: 'join' }, ben, 0],
      [{ type: 'takeFacilitation' }, ben, 0],
      [{ type: 'join' }, steward, 0],
    ]);
    expect(s.facilitatorId).toBe('ben');
    // A steward may take it while the rota's facilitator is away; a member may not.
    expect(apply(s, { type: 'takeFacilitation' }, cal, 0).ok).toBe(false);
    s = run(s, [
      [{ type: 'takeFacilitation' }, steward, MIN],
      [{ type: 'join' }, ann, 2 * MIN],
    ]);
    // Once Ann is here, the steward's claim gives way to hers; she takes it back.
    s = run(s, [[{ type: 'takeFacilitation' }, ann, 2 * MIN]]);
    expect(s.facilitatorId).toBe('ann');
    expect(apply(s, { type: 'takeFacilitation' }, steward, 3 * MIN)).toEqual({
      ok: false,
      refusal: 'facilitator_present',
    });
    expect(s.facilitatorLog).toEqual([
      { from: 'ann', to: 'ben', at: 0 },
      { from: 'ben', to: 'dee', at: MIN },
      { from: 'dee', to: 'ann', at: 2 * MIN },
    ]);
  });

  it('adds up the time each person spoke, for the summary at the end', () => {
    const s = run(start(), [
      [{ type: 'startPhase', index: 0 }, ann, 0],
      [{ type: 'startTurn' }, ann, 0],
      [{ type: 'endTurn' }, ann, 3 * MIN],
      [{ type: 'startTurn' }, ann, 3 * MIN],
      [{ type: 'end' }, ann, 5 * MIN],
    ]);
    expect(s.status).toBe('ended');
    expect(s.spokenMs).toEqual({ ann: 3 * MIN, ben: 2 * MIN });
  });
});

describe('consent to being observed', () => {
  const [ann, ben] = people as [Actor, Actor];
  it('is asked when the agenda asks it or the facilitator does, and each answer is kept', () => {
    let s = run(newRoom(PHASES, 'ann', { observerId: 'ann', askConsent: true }), [
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
      [{ type: 'consentToObservation', consent: false }, ben, 0],
    ]);
    expect(s.consentAsked).toBe(true);
    expect(s.observationConsent).toEqual({ ben: 'no' });
    // Saying the same again changes nothing; changing one's mind is kept.
    expect(apply(s, { type: 'consentToObservation', consent: false }, ben, 0).ok).toBe(true);
    s = run(s, [[{ type: 'consentToObservation', consent: true }, ben, MIN]]);
    expect(s.observationConsent).toEqual({ ben: 'yes' });
    // Only the facilitator turns the question on or off.
    expect(apply(s, { type: 'askObservationConsent', ask: false }, ben, MIN)).toEqual({
      ok: false,
      refusal: 'not_facilitator',
    });
    s = run(s, [[{ type: 'askObservationConsent', ask: false }, ann, MIN]]);
    expect(s.consentAsked).toBe(false);
  });
});

describe('the record of who spoke', () => {
  const [ann, ben, cal, dee] = people as [Actor, Actor, Actor, Actor];
  /** Ann facilitates, Dee keeps time; the open discussion (part 2) has begun at 0. */
  const open = () =>
    run(newRoom(PHASES, 'ann', { timekeeperId: 'dee' }), [
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
      [{ type: 'join' }, cal, 0],
      [{ type: 'join' }, dee, 0],
      [{ type: 'startPhase', index: 1 }, ann, 0],
    ]);

  it('keeps time per person and part, from turns and from the timekeeper’s control', () => {
    let s = run(newRoom(PHASES, 'ann', { timekeeperId: 'dee' }), [
      [{ type: 'join' }, ann, 0],
      [{ type: 'join' }, ben, 0],
      [{ type: 'startPhase', index: 0 }, ann, 0],
      [{ type: 'startTurn' }, ann, 0],
    ]);
    expect(s.speaking).toEqual({ userId: 'ann', phaseId: 'checkin', since: 0 });
    s = run(s, [
      [{ type: 'endTurn' }, ann, 2 * MIN],
      [{ type: 'join' }, dee, 2 * MIN],
      [{ type: 'startPhase', index: 1 }, ann, 3 * MIN],
      [{ type: 'speaking', userId: 'ben' }, dee, 3 * MIN],
      // The facilitator gives Ann the floor: she is speaking now, Ben stops.
      [{ type: 'callOn', userId: 'ann' }, ann, 4 * MIN],
      [{ type: 'speaking', userId: null }, dee, 5 * MIN],
    ]);
    expect(s.spokenByPart).toEqual({
      checkin: { ann: 2 * MIN },
      open: { ben: MIN, ann: MIN },
    });
    expect(s.spokenMs).toEqual({ ann: 3 * MIN, ben: MIN });
    expect(s.speaking).toBeNull();
    expect(s.recent.map((r) => r.userId)).toEqual(['ben', 'ann']);
  });

  it('lets only the timekeeper or facilitator mark who speaks, and only in discussion', () => {
    const s = open();
    expect(apply(s, { type: 'speaking', userId: 'ann' }, ben, MIN)).toEqual({
      ok: false,
      refusal: 'not_timekeeper',
    });
    expect(apply(s, { type: 'speaking', userId: 'eve' }, dee, MIN)).toEqual({
      ok: false,
      refusal: 'not_here',
    });
    const round = run(s, [[{ type: 'startPhase', index: 0 }, ann, MIN]]);
    expect(apply(round, { type: 'speaking', userId: 'ben' }, dee, MIN)).toEqual({
      ok: false,
      refusal: 'not_open',
    });
  });

  it('stops the clock when the speaker leaves, the part changes or the session ends', () => {
    let s = run(open(), [
      [{ type: 'speaking', userId: 'cal' }, dee, 0],
      [{ type: 'leave' }, cal, MIN],
    ]);
    expect(s.speaking).toBeNull();
    expect(s.spokenMs).toEqual({ cal: MIN });
    s = run(s, [
      [{ type: 'speaking', userId: 'ben' }, ann, MIN],
      [{ type: 'startPhase', index: 2 }, ann, 2 * MIN],
    ]);
    expect(s.spokenByPart.open).toEqual({ cal: MIN, ben: MIN });
    expect(s.speaking).toBeNull();
  });

  it('notes advice nobody asked for by part only, and orders hands least heard first', () => {
    let s = run(open(), [
      [{ type: 'markAdvice' }, ann, MIN],
      [{ type: 'speaking', userId: 'ben' }, dee, MIN],
      [{ type: 'speaking', userId: null }, dee, 4 * MIN],
      [{ type: 'setHandOrder', order: 'leastHeard' }, ann, 4 * MIN],
    ]);
    expect(s.adviceMarks).toEqual([{ phaseId: 'open', at: MIN }]);
    expect(JSON.stringify(s.adviceMarks)).not.toMatch(/ben|cal|dee/);
    expect(s.handOrder).toBe('leastHeard');
    expect(apply(s, { type: 'markAdvice' }, ben, 5 * MIN)).toEqual({
      ok: false,
      refusal: 'not_facilitator',
    });
    s = run(s, [[{ type: 'startPhase', index: 0 }, ann, 5 * MIN]]);
    expect(apply(s, { type: 'markAdvice' }, ann, 5 * MIN)).toEqual({
      ok: false,
      refusal: 'not_open',
    });
  });
});

/** Model-based: whatever happens, the room keeps its promises. */
describe('whatever sequence of joins, leaves, passes, turns and phase changes', () => {
  interface Model {
    turnsThisPhase: string[];
    phaseIndex: number;
  }
  interface Real {
    state: RoomState;
    at: number;
  }

  class Do implements fc.Command<Model, Real> {
    constructor(
      readonly command: Command,
      readonly actor: Actor,
      readonly advance: number,
    ) {}
    check() {
      return true;
    }
    run(model: Model, real: Real) {
      real.at += this.advance;
      const before = real.state;
      const out = apply(before, this.command, this.actor, real.at, real.at);
      if (!out.ok) {
        expect(real.state).toBe(before);
        return;
      }
      const after = out.state;
      // Versions only grow (a command that changes nothing keeps the version).
      if (after === before) return;
      expect(after.version).toBe(before.version + 1);
      if (after.phaseIndex !== model.phaseIndex || this.command.type === 'startPhase') {
        model.turnsThisPhase = [];
        model.phaseIndex = after.phaseIndex;
      }
      if (after.turn && after.turn !== before.turn) {
        // Nobody gets two turns in a round.
        expect(model.turnsThisPhase).not.toContain(after.turn.speakerId);
        model.turnsThisPhase.push(after.turn.speakerId);
      }
      // Shares always sum to the time left (to the millisecond lost in rounding each share).
      const ends = phaseEndsAt(after);
      const people = waiting(after).length;
      if (ends !== null && people > 0 && ends - real.at >= turnRemainingMs(after, real.at)) {
        const total = equalShareMs(after, real.at) * people + turnRemainingMs(after, real.at);
        const left = ends - real.at;
        expect(total).toBeLessThanOrEqual(left);
        expect(total).toBeGreaterThan(left - people);
      }
      // The record of who spoke: one person at a time, only someone present, and the
      // session's total is the parts' total.
      if (after.speaking) {
        const speaker = after.participants.find((p) => p.userId === after.speaking?.userId);
        expect(speaker?.present).toBe(true);
        if (after.turn) expect(after.speaking.userId).toBe(after.turn.speakerId);
      }
      const byPart: Record<string, number> = {};
      for (const part of Object.values(after.spokenByPart)) {
        for (const [id, ms] of Object.entries(part)) byPart[id] = (byPart[id] ?? 0) + ms;
      }
      expect(byPart).toEqual(after.spokenMs);
      // Only open discussion feeds the nudge (kept stretches are trimmed as new ones close).
      for (const r of after.recent) {
        expect(after.phases.find((p) => p.id === r.phaseId)?.kind).toBe('open');
      }
      // Nobody present is skipped: "nobody waiting" is only ever said when everyone here
      // has had their turn or passed.
      if (
        this.command.type === 'startTurn' &&
        !this.command.speakerId &&
        after.turn === null &&
        after.done.length === before.done.length
      ) {
        throw new Error('a turn started for nobody');
      }
      real.state = after;
    }
    toString() {
      return `${this.actor.userId}:${this.command.type}+${this.advance}`;
    }
  }

  const actor = fc.constantFrom(...people);
  // The facilitator drives the agenda; anyone may try, and is refused if it is not theirs.
  const driver = fc.oneof(
    { arbitrary: fc.constant(facilitator), weight: 4 },
    { arbitrary: actor, weight: 1 },
  );
  const advance = fc.integer({ min: 0, max: 3 * MIN });
  const commands = [
    fc.tuple(actor, advance).map(([a, t]) => new Do({ type: 'join' }, a, t)),
    fc.tuple(actor, advance).map(([a, t]) => new Do({ type: 'leave' }, a, t)),
    fc.tuple(actor, advance).map(([a, t]) => new Do({ type: 'pass' }, a, t)),
    fc.tuple(driver, advance).map(([a, t]) => new Do({ type: 'endTurn' }, a, t)),
    fc.tuple(driver, advance).map(([a, t]) => new Do({ type: 'startTurn' }, a, t)),
    fc
      .tuple(actor, advance, fc.boolean())
      .map(([a, t, raised]) => new Do({ type: 'hand', raised }, a, t)),
    fc
      .tuple(driver, advance, fc.nat(PHASES.length - 1))
      .map(([a, t, index]) => new Do({ type: 'startPhase', index }, a, t)),
    fc
      .tuple(driver, advance, fc.constantFrom('facilitator', 'random', 'volunteers' as const))
      .map(([a, t, mode]) => new Do({ type: 'setOrder', mode }, a, t)),
    fc
      .tuple(actor, advance, fc.constantFrom('listen', 'feedback', 'coaching', 'pass' as const))
      .map(
        ([a, t, mode]) =>
          new Do({ type: 'choose', choice: { mode, feedbackFrom: null, focus: null } }, a, t),
      ),
    fc.tuple(actor, advance).map(([a, t]) => new Do({ type: 'takeFacilitation' }, a, t)),
    fc
      .tuple(driver, advance, fc.option(fc.constantFrom(...people.map((p) => p.userId))))
      .map(([a, t, userId]) => new Do({ type: 'speaking', userId }, a, t)),
    fc
      .tuple(driver, actor, advance)
      .map(([a, who, t]) => new Do({ type: 'callOn', userId: who.userId }, a, t)),
  ];

  it('keeps every promise', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 120, size: 'large' }), (cmds) => {
        const real: Real = { state: newRoom(PHASES, facilitator.userId), at: 0 };
        const model: Model = { turnsThisPhase: [], phaseIndex: -1 };
        fc.modelRun(() => ({ model, real }), cmds);
        // When a round has nobody waiting and no turn, everyone present has had theirs.
        const s = real.state;
        if (s.phases[s.phaseIndex]?.kind === 'round' && !s.turn && waiting(s).length === 0) {
          const here = s.participants.filter((p) => p.present && !p.observer).map((p) => p.userId);
          const inOrder = here.filter((id) => s.order.includes(id));
          for (const id of inOrder) expect(s.done).toContain(id);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('templates', () => {
  it('ship with shares that add up, and scale to the meeting’s length in whole minutes', () => {
    for (const template of SESSION_TEMPLATES) {
      expect(template.phases.reduce((n, p) => n + p.share, 0)).toBe(100);
      const phases = planPhases(template, 90);
      expect(phases.reduce((n, p) => n + p.plannedMs, 0)).toBe(90 * MIN);
      for (const p of phases) expect(p.plannedMs % MIN).toBe(0);
    }
    expect(SESSION_TEMPLATES.map((t) => t.id)).toEqual([
      'peer-support',
      'peer-development',
      'incident-review',
      'focus-group',
    ]);
  });
});
