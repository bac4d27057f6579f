/**
 * Live rooms: who may come in, the room as it stands, and commands applied one at a time
 * under the room's lock, each logged with the new state and version in one transaction.
 */
import {
  type Actor,
  apply,
  newRoom,
  phaseEndsAt,
  type Refusal,
  type RoomState,
  waiting,
} from '../../core/domain/live';
import {
  type AgendaPhase,
  agendaTemplate,
  DEFAULT_TEMPLATE_ID,
  findTemplate,
  planPhases,
  SESSION_TEMPLATES,
  type SessionTemplate,
} from '../../core/domain/liveTemplates';
import { AppError } from '../../core/errors';
import type { LiveCommand, RoomView } from '../../core/protocol/live';
import {
  findEvent,
  findRoom,
  findSessionAgenda,
  insertEvent,
  insertRoomIfMissing,
  lockRoom,
  recordArrival,
  saveRoom,
  setSessionTemplate,
} from '../db/queries/live';
import type { MeetingWithGroup } from '../db/queries/meetings';
import type { Deps, Viewer } from '../services/deps';
import { meetingAccess } from '../services/meetings/access';

export interface LiveAccess {
  meeting: MeetingWithGroup;
  groupId: string;
  groupName: string;
  purpose: string | null;
  actor: Actor;
  /** The meeting's facilitator from the rota, if it has one. */
  facilitatorId: string | null;
  /** The agendas this group can use: the shipped ones, and its own first if it has one. */
  templates: SessionTemplate[];
  /** The agenda the group last chose. */
  sessionTemplate: string | null;
}

/** Members of the group (the meeting's observer among them) may come into its room. */
export async function liveAccess(
  deps: Deps,
  viewer: Viewer,
  meetingId: string,
): Promise<LiveAccess> {
  const access = await meetingAccess(deps, viewer, meetingId);
  if (access.meeting.status === 'cancelled') {
    throw new AppError('meeting.closed', 'This meeting was cancelled, so it has no session.');
  }
  return {
    meeting: access.meeting,
    groupId: access.meeting.group_id,
    groupName: access.meeting.group_name,
    purpose: access.visible.group.purpose,
    actor: {
      userId: viewer.userId,
      name: viewer.displayName,
      // In peer groups, observing is one of the rotating roles and the observer still has
      // their turn. A focus group's silent observer needs the focus-group template chosen
      // for the session, which rooms do not offer yet.
      observer: false,
    },
    facilitatorId: access.assignments.find((r) => r.role_key === 'facilitator')?.user_id ?? null,
    ...(await agendasOf(deps, access.meeting.group_id)),
  };
}

async function agendasOf(deps: Deps, groupId: string) {
  const saved = await findSessionAgenda(deps.db, groupId);
  const own = saved.agenda
    ? [agendaTemplate('Our own agenda', JSON.parse(saved.agenda) as AgendaPhase[])]
    : [];
  return { templates: [...own, ...SESSION_TEMPLATES], sessionTemplate: saved.template };
}

/** The agenda with this id among the group's, or the first one it has. */
function pick(access: LiveAccess, id: string | null): SessionTemplate {
  return (
    access.templates.find((t) => t.id === id) ??
    access.templates.find((t) => t.id === DEFAULT_TEMPLATE_ID) ??
    findTemplate(DEFAULT_TEMPLATE_ID)
  );
}

const MESSAGES: Record<Refusal, string> = {
  not_facilitator: 'Only the facilitator can do that.',
  not_here: 'Join the session first.',
  ended: 'This session has ended.',
  no_phase: 'Start a part of the agenda first.',
  not_a_round: 'There are no turns in this part of the agenda.',
  turn_in_progress: 'Someone is speaking. End their turn first.',
  no_turn: 'Nobody is speaking just now.',
  nobody_waiting: 'Everyone has had their turn in this round.',
  already_had_turn: 'That person has already had their turn in this round.',
  listening: 'Someone is being listened to without interruption. Hands wait until they finish.',
  bad_phase: 'That part of the agenda does not exist.',
  bad_order: 'That order does not match the people here.',
  facilitator_present: 'The facilitator is here, so the role stays with them.',
  already_started: 'The session has started; adjust the time of each part instead.',
};

export function refusalMessage(refusal: Refusal): string {
  return MESSAGES[refusal];
}

/** The room for a meeting, made on first use from the default template and its length. */
export async function ensureRoom(deps: Deps, access: LiveAccess) {
  const existing = await findRoom(deps.db, access.meeting.id);
  if (existing) return existing;
  const at = deps.now().toISOString();
  // The group's own agenda if it has one (it is listed first), unless it last chose another.
  const phases = planPhases(
    pick(access, access.sessionTemplate ?? access.templates[0]?.id ?? null),
    access.meeting.duration_minutes,
  );
  await insertRoomIfMissing(deps.db, {
    meeting_id: access.meeting.id,
    group_id: access.groupId,
    version: 0,
    state: JSON.stringify(newRoom(phases, access.facilitatorId)),
    created_at: at,
    updated_at: at,
  });
  const room = await findRoom(deps.db, access.meeting.id);
  if (!room) throw new Error(`room for ${access.meeting.id} vanished`);
  return room;
}

/** What a room's view needs to know about its meeting and group. */
export function viewContext(access: LiveAccess) {
  return {
    meetingId: access.meeting.id,
    groupId: access.groupId,
    groupName: access.groupName,
    purpose: access.purpose,
    templates: access.templates,
  };
}

export function toRoomView(
  state: RoomState,
  context: {
    meetingId: string;
    groupId: string;
    groupName: string;
    purpose: string | null;
    templates: readonly SessionTemplate[];
  },
): RoomView {
  return {
    meetingId: context.meetingId,
    groupId: context.groupId,
    groupName: context.groupName,
    purpose: context.purpose,
    templates: context.templates.map((t) => ({ id: t.id, name: t.name })),
    version: state.version,
    status: state.status,
    facilitatorId: state.facilitatorId,
    participants: state.participants,
    phases: state.phases.map((p) => ({ ...p, guide: p.guide ?? '' })),
    phaseIndex: state.phaseIndex,
    phaseStartedAt: state.phaseStartedAt,
    phaseEndsAt: phaseEndsAt(state),
    orderMode: state.orderMode,
    order: state.order,
    done: state.done,
    waiting: waiting(state),
    turn: state.turn ? { ...state.turn, endsAt: state.turn.startedAt + state.turn.shareMs } : null,
    choices: state.choices,
    hands: state.hands,
    overruns: state.overruns,
  };
}

export interface CommandResult {
  ok: boolean;
  version: number;
  message?: string;
  /** True when this command id had already been applied (a retry). */
  repeated?: boolean;
}

/**
 * Applies one command under the room's lock: the command is logged with the new state and
 * version in the same transaction, and a command id already applied for this person is
 * answered without applying it again.
 */
export async function runCommand(
  deps: Deps,
  access: LiveAccess,
  clientId: string,
  command: LiveCommand,
): Promise<CommandResult> {
  const meetingId = access.meeting.id;
  const now = deps.now();
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const room = await lockRoom(trx, meetingId, at);
    if (!room) throw new AppError('not_found', 'This session has not been opened.');
    const seen = await findEvent(trx, meetingId, access.actor.userId, clientId);
    if (seen) return { ok: true, version: seen.version, repeated: true };
    const state = JSON.parse(room.state) as RoomState;
    const seed = Number.parseInt(clientId.replace(/[^0-9a-f]/gi, '').slice(0, 8) || '1', 16);
    const outcome = apply(
      state,
      command.type === 'useTemplate'
        ? {
            type: 'setPhases',
            phases: planPhases(pick(access, command.templateId), access.meeting.duration_minutes),
          }
        : command,
      access.actor,
      now.getTime(),
      seed,
    );
    if (!outcome.ok) {
      return { ok: false, version: state.version, message: refusalMessage(outcome.refusal) };
    }
    const next = outcome.state;
    // Accepted with nothing to change: no new version, nothing to tell anyone.
    if (next.version === state.version) return { ok: true, version: state.version, repeated: true };
    await insertEvent(trx, {
      meeting_id: meetingId,
      version: next.version,
      actor_id: access.actor.userId,
      client_id: clientId,
      command: JSON.stringify(command),
      at,
    });
    await saveRoom(trx, meetingId, {
      version: next.version,
      state: JSON.stringify(next),
      updated_at: at,
    });
    if (command.type === 'useTemplate') {
      // The group keeps the agenda it chose, for its next sessions.
      await setSessionTemplate(trx, access.groupId, pick(access, command.templateId).id);
    }
    if (command.type === 'join' && !access.actor.observer) {
      await recordArrival(trx, {
        meeting_id: meetingId,
        user_id: access.actor.userId,
        arrived_at: at,
      });
    }
    return { ok: true, version: next.version };
  });
}

/** The room's current state and version, as stored. */
export async function readRoom(deps: Deps, meetingId: string): Promise<RoomState | null> {
  const room = await findRoom(deps.db, meetingId);
  return room ? (JSON.parse(room.state) as RoomState) : null;
}
