/**
 * What a change to a live room meant, in a few plain facts: who came and went, which part
 * began, whose turn started and ended, hands, who had the floor or was speaking. Worked out
 * from the room before and after a command (not from the command, which may leave the
 * speaker to the room), so the session's timeline reads the same as what people saw.
 */
import type { RoomState } from './live';

export const HAPPENINGS = [
  'joined',
  'left',
  'part',
  'turn',
  'turn_end',
  'passed',
  'hand',
  'hand_down',
  'floor',
  'speaking',
  'speaking_stopped',
  'facilitator',
  'observer',
  'advice',
  'small_groups',
  'small_groups_ended',
  'ended',
] as const;
export type HappeningKind = (typeof HAPPENINGS)[number];

export interface Happening {
  kind: HappeningKind;
  /** Who it was about, where it was about someone. */
  userId?: string;
  /** The part it happened in (for a part starting: the part). */
  partId?: string;
}

const presentIds = (s: RoomState) =>
  new Set(s.participants.filter((p) => p.present).map((p) => p.userId));

/** The facts a change from `before` to `after` amounts to, in the order people saw them. */
export function describeChange(before: RoomState, after: RoomState): Happening[] {
  const out: Happening[] = [];
  const partId = after.phases[after.phaseIndex]?.id;
  const inPart = (h: Happening): Happening => (partId ? { ...h, partId } : h);
  const was = presentIds(before);
  const is = presentIds(after);
  for (const id of is) if (!was.has(id)) out.push({ kind: 'joined', userId: id });
  for (const id of was) if (!is.has(id)) out.push({ kind: 'left', userId: id });

  const oldTurn = before.turn;
  const newTurn = after.turn;
  const sameTurn =
    oldTurn &&
    newTurn &&
    oldTurn.speakerId === newTurn.speakerId &&
    oldTurn.startedAt === newTurn.startedAt;
  if (oldTurn && !sameTurn) {
    out.push({
      kind: 'turn_end',
      userId: oldTurn.speakerId,
      ...(before.phases[before.phaseIndex] ? { partId: before.phases[before.phaseIndex]?.id } : {}),
    });
  }
  if (after.phaseStartedAt !== before.phaseStartedAt && partId) {
    out.push({ kind: 'part', partId });
  }
  if (newTurn && !sameTurn) out.push(inPart({ kind: 'turn', userId: newTurn.speakerId }));
  for (const id of after.passed) {
    if (!before.passed.includes(id)) out.push(inPart({ kind: 'passed', userId: id }));
  }
  const hadHand = new Set(before.hands.map((h) => h.userId));
  const hasHand = new Set(after.hands.map((h) => h.userId));
  for (const id of hasHand) if (!hadHand.has(id)) out.push(inPart({ kind: 'hand', userId: id }));
  for (const id of hadHand) {
    // Hands cleared by a new part are part of that part starting, not news of their own.
    if (!hasHand.has(id) && after.phaseStartedAt === before.phaseStartedAt) {
      out.push(inPart({ kind: 'hand_down', userId: id }));
    }
  }
  if (after.floorId && after.floorId !== before.floorId) {
    out.push(inPart({ kind: 'floor', userId: after.floorId }));
  }
  // Speaking in discussion (a turn says who speaks in a round).
  const oldVoice = before.turn ? null : (before.speaking?.userId ?? null);
  const newVoice = after.turn ? null : (after.speaking?.userId ?? null);
  if (newVoice !== oldVoice) {
    if (newVoice) out.push(inPart({ kind: 'speaking', userId: newVoice }));
    else if (!after.turn) out.push(inPart({ kind: 'speaking_stopped' }));
  }
  if (after.facilitatorId && after.facilitatorId !== before.facilitatorId) {
    out.push({ kind: 'facilitator', userId: after.facilitatorId });
  }
  if (after.observerId !== before.observerId) {
    out.push(
      after.observerId ? { kind: 'observer', userId: after.observerId } : { kind: 'observer' },
    );
  }
  if (after.adviceMarks.length > before.adviceMarks.length) out.push(inPart({ kind: 'advice' }));
  const wereOut = before.breakouts?.status === 'running';
  const areOut = after.breakouts?.status === 'running';
  if (areOut && !wereOut) out.push(inPart({ kind: 'small_groups' }));
  if (wereOut && !areOut) out.push(inPart({ kind: 'small_groups_ended' }));
  if (after.status === 'ended' && before.status !== 'ended') out.push({ kind: 'ended' });
  return out;
}
