/**
 * A live room is kept as a log of the commands applied to it, with the whole room saved now and
 * then (decision 022). Between saves, the room as it stands is the last saved room with the
 * commands logged since applied again, in order, by the same rules, at the same moments: the
 * state machine is pure, so that gives the very room the server held.
 *
 * The room is saved whole whenever a change touches who is in it or whether it is running, so
 * that the saved room always names everyone the room names (erasing a person and exporting
 * their data find the room by its saved text), and a session that has ended needs nothing
 * applied again to be read.
 */
import type { Actor, Command, RoomState } from './live';
import { applyCommand } from './room';

/** The seed for anything random in a command (a shuffled speaking order): from its id. */
export function seedOf(clientId: string): number {
  return Number.parseInt(clientId.replace(/[^0-9a-f]/gi, '').slice(0, 8) || '1', 16);
}

/** What the log keeps of who sent a command: all the rules look at but their name. */
export type LoggedActor = Omit<Actor, 'userId' | 'name'>;

export function loggedActor(actor: Actor): LoggedActor {
  return {
    observer: actor.observer,
    ...(actor.steward ? { steward: true } : {}),
    ...(actor.proposes ? { proposes: true } : {}),
  };
}

/** A logged command, as applied again. */
export interface LogEntry {
  version: number;
  actorId: string;
  actor: LoggedActor;
  clientId: string;
  command: Command;
  /** Server milliseconds: when it was applied. */
  at: number;
}

/**
 * Whether a change is saved whole now, rather than only logged: every `every` versions, and
 * whenever who is in the room, or whether it runs, has changed.
 */
export function saveWhole(
  before: RoomState,
  next: RoomState,
  savedVersion: number,
  every: number,
): boolean {
  return (
    next.version - savedVersion >= every ||
    next.participants !== before.participants ||
    next.status !== before.status
  );
}

/**
 * The room after the logged commands since it was saved, applied again in order. Each was
 * applied once already, so each applies again the same way; should one not (rules changed by
 * an upgrade between a crash and the restart), the room still takes the version it was logged
 * with, so versions stay those everyone was sent.
 */
export function replay(saved: RoomState, entries: readonly LogEntry[]): RoomState {
  let state = saved;
  for (const entry of entries) {
    if (entry.version <= state.version) continue;
    const name = state.participants.find((p) => p.userId === entry.actorId)?.name ?? '';
    const actor: Actor = { userId: entry.actorId, name, ...entry.actor };
    const outcome = applyCommand(state, entry.command, actor, entry.at, seedOf(entry.clientId));
    const next = outcome.ok ? outcome.state : state;
    state = next.version === entry.version ? next : { ...next, version: entry.version };
  }
  return state;
}
