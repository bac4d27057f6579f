/**
 * Recording the call, with everyone's consent. Pure, like the room.
 *
 * - Anyone in the call may ask to record (not an observer from outside the group: they could
 *   not download it). Asking is a consent round on the group's one rule (consent.ts): everyone
 *   present must answer, and it starts only when every one of them agrees. Asking counts as
 *   agreeing; one "no" ends the round at once, and nobody is told whose it was. People who
 *   arrive join the round; people who leave stop counting.
 * - While it runs, each person's own device records only their own microphone, and only if
 *   they agreed. Someone who arrives later is asked: they agree, or they are left out (and may
 *   change their mind either way).
 * - Anyone present may stop it, for everyone. The session ending stops it too.
 */
import { decide } from './consent';
import { type Actor, next, type Outcome, type Recording, type RoomState } from './live';
import type { LiveCommand } from './liveCommands';
import { RECORDINGS_MAX } from './recordingLimits';

export type RecordingCommand = Extract<
  LiveCommand,
  { type: 'recordAsk' | 'recordAnswer' | 'recordStop' }
>;

export const RECORDING_TYPES = new Set<string>([
  'recordAsk',
  'recordAnswer',
  'recordStop',
] satisfies RecordingCommand['type'][]);

/** The recording asked for or running now, if there is one. */
export function currentRecording(state: RoomState): Recording | null {
  const last = state.recordings.at(-1);
  return last && (last.status === 'asking' || last.status === 'on') ? last : null;
}

/** Whether this person's device should be recording them now. */
export function isRecorded(state: RoomState, userId: string): boolean {
  const recording = currentRecording(state);
  return (
    recording?.status === 'on' &&
    recording.answers[userId] === 'agree' &&
    state.call[userId] !== undefined &&
    state.participants.some((p) => p.userId === userId && p.present)
  );
}

/** Whether a person's track of this recording may be uploaded: they were recorded in it. */
export function mayUpload(state: RoomState, recordingId: string, userId: string): boolean {
  const recording = state.recordings.find((r) => r.id === recordingId);
  return recording !== undefined && recording.recorded.includes(userId);
}

const present = (state: RoomState) =>
  state.participants.filter((p) => p.present).map((p) => p.userId);

/** Applies a recording command from someone present in the room (the caller checked). */
export function applyRecording(
  state: RoomState,
  command: RecordingCommand,
  actor: Actor,
  at: number,
): Outcome {
  const current = currentRecording(state);
  switch (command.type) {
    case 'recordAsk': {
      if (actor.observer) return { ok: false, refusal: 'recording_members_only' };
      if (!state.call[actor.userId]) return { ok: false, refusal: 'not_in_call' };
      if (current) return { ok: false, refusal: 'recording_under_way' };
      if (state.recordings.length >= RECORDINGS_MAX) {
        return { ok: false, refusal: 'recording_limit' };
      }
      const asked: Recording = {
        id: `r${state.version + 1}`,
        status: 'asking',
        askedBy: actor.userId,
        askedAt: at,
        // Asking is agreeing (the consent rule's proposer).
        answers: { [actor.userId]: 'agree' },
        recorded: [],
        startedAt: null,
        endedAt: null,
        stoppedBy: null,
      };
      return next(state, { recordings: settle(state, [...state.recordings, asked], at) });
    }
    case 'recordAnswer': {
      if (!current) return { ok: false, refusal: 'not_recording' };
      const answer: 'agree' | 'object' = command.agree ? 'agree' : 'object';
      if (current.answers[actor.userId] === answer) return { ok: true, state };
      const answered = { ...current, answers: { ...current.answers, [actor.userId]: answer } };
      return next(state, { recordings: settle(state, replaceLast(state, answered), at) });
    }
    case 'recordStop': {
      if (!current) return { ok: false, refusal: 'not_recording' };
      const stopped: Recording = {
        ...current,
        status: 'stopped',
        endedAt: at,
        stoppedBy: actor.userId,
      };
      return next(state, { recordings: replaceLast(state, stopped) });
    }
  }
}

function replaceLast(state: RoomState, recording: Recording): Recording[] {
  return [...state.recordings.slice(0, -1), recording];
}

/**
 * The latest recording after a change to the room: a round is decided by the consent rule over
 * everyone present now; a running recording notes who it records; the session ending stops it.
 */
function settle(state: RoomState, recordings: Recording[], at: number): Recording[] {
  const last = recordings.at(-1);
  if (!last || (last.status !== 'asking' && last.status !== 'on')) return recordings;
  let recording = last;
  if (state.status === 'ended') {
    recording = { ...recording, status: 'stopped', endedAt: at };
  } else if (recording.status === 'asking') {
    const here = present(state);
    const outcome = decide({
      activeMemberIds: here,
      responses: new Map(Object.entries(recording.answers)),
      // A round in the room has no deadline: it waits for everyone here, or a "no", or a stop.
      deadlineMs: Number.POSITIVE_INFINITY,
      nowMs: at,
    });
    if (here.length === 0) recording = { ...recording, status: 'lapsed', endedAt: at };
    else if (outcome.state === 'adopted') {
      recording = { ...recording, status: 'on', startedAt: at };
    } else if (outcome.why === 'objection') {
      // One "no" ends the round; whose it was is forgotten.
      recording = { ...recording, status: 'declined', endedAt: at, answers: {} };
    }
  }
  if (recording.status === 'on') {
    const now = Object.entries(recording.answers)
      .filter(([id, answer]) => answer === 'agree' && state.call[id] !== undefined)
      .map(([id]) => id)
      .filter((id) => !recording.recorded.includes(id));
    if (now.length > 0) recording = { ...recording, recorded: [...recording.recorded, ...now] };
  }
  return recording === last ? recordings : [...recordings.slice(0, -1), recording];
}

/**
 * What follows for the recording from any other change to the room: people arriving or leaving
 * change who the round waits for, joining the call starts someone's track, and the session
 * ending stops it.
 */
export function followRecording(after: RoomState, at: number): Partial<RoomState> | null {
  if (!currentRecording(after)) return null;
  const recordings = settle(after, after.recordings, at);
  return recordings === after.recordings ? null : { recordings };
}
