import { type Code, DEFAULT_CODEBOOK } from '../../../core/domain/codebook';
import type { RoomState } from '../../../core/domain/live';
import { AppError } from '../../../core/errors';
import type {
  CodebookView,
  NoteBody,
  NotesView,
  NoteView,
  TimelineView,
} from '../../../core/protocol/observer';
import { allows, authorize, requireGroupAccess } from '../../access/requireGroupAccess';
import { type MeetingAccess, requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import { findRoom, listHappenings } from '../../db/queries/liveRooms';
import { listMembers } from '../../db/queries/memberships';
import {
  deleteNote,
  findCodebook,
  findNote,
  listNotes,
  type NoteRow,
  saveCodebook,
  saveNote,
} from '../../db/queries/observerNotes';
import type { Deps } from '../../deps';

const notesRefused = () =>
  new AppError('forbidden', 'Only the observer and the facilitator can read the observer’s notes.');

interface NotesAccess {
  access: MeetingAccess;
  state: RoomState | null;
  /** The viewer observes this session. */
  observer: boolean;
  /** The viewer facilitates it, now or by the rota: they read every note. */
  facilitator: boolean;
  /** Names for ids: the names people had in the session, then the group's members. */
  name: (userId: string) => string;
}

/**
 * The meeting, its room, and what the viewer is to its notes: members, and the meeting's
 * observer from outside the group.
 */
async function notesAccess(deps: Deps, viewer: Viewer, meetingId: string): Promise<NotesAccess> {
  const access = await requireMeetingAccess(deps, viewer, meetingId);
  authorize(access, 'live.observe', access.facts);
  const [room, members] = await Promise.all([
    findRoom(deps.db, meetingId),
    listMembers(deps.db, access.meeting.group_id),
  ]);
  const state = room?.state ?? null;
  const me = viewer.userId;
  const names = new Map(members.map((m) => [m.user_id, m.display_name]));
  for (const p of state?.participants ?? []) names.set(p.userId, p.name);
  return {
    access,
    state,
    observer: state?.observerId === me,
    facilitator: state
      ? state.facilitatorId === me || state.designatedId === me
      : access.facts.isFacilitator === true,
    name: (id) => names.get(id) ?? 'Someone',
  };
}

function toView(note: NoteRow, name: (id: string) => string): NoteView {
  return {
    id: note.id,
    authorId: note.author_id,
    authorName: name(note.author_id),
    code: note.code,
    text: note.text,
    partId: note.part_id,
    people: note.people.map((userId) => ({ userId, name: name(userId) })),
    startsAt: note.starts_at,
    endsAt: note.ends_at,
    span: note.span === 1,
    updatedAt: note.updated_at,
  };
}

/**
 * The notes the viewer may read: the facilitator every note, anyone who wrote notes (the
 * observer, or someone who observed before the role moved on) their own, nobody else any.
 */
export async function getNotes(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string },
): Promise<NotesView> {
  const n = await notesAccess(deps, viewer, input.meetingId);
  const [notes, codes] = await Promise.all([
    listNotes(deps.db, input.meetingId, n.facilitator ? null : viewer.userId),
    findCodebook(deps.db, n.access.meeting.group_id),
  ]);
  if (!n.facilitator && !n.observer && notes.length === 0) throw notesRefused();
  return {
    notes: notes.map((note) => toView(note, n.name)),
    scope: n.facilitator ? 'all' : 'own',
    codes: codes ?? [...DEFAULT_CODEBOOK],
  };
}

/**
 * Keeps one note under the id the observer's device chose: sent twice, it is one note. Only
 * the session's observer starts notes; only a note's author changes it.
 */
export async function putNote(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string; noteId: string; body: NoteBody },
): Promise<NoteView> {
  const n = await notesAccess(deps, viewer, input.meetingId);
  const existing = await findNote(deps.db, input.noteId);
  if (
    existing &&
    (existing.author_id !== viewer.userId || existing.meeting_id !== input.meetingId)
  ) {
    throw notesRefused();
  }
  if (!existing && !n.observer) {
    throw new AppError('forbidden', 'Only the session’s observer can take notes.');
  }
  const { body } = input;
  const known = new Set(n.state?.participants.map((p) => p.userId) ?? []);
  if (body.people.some((id) => !known.has(id))) {
    throw new AppError('request.invalid', 'A note can only name people who were at the session.');
  }
  const declined = body.people.filter((id) => n.state?.observationConsent[id] === 'no');
  if (declined.length > 0) {
    throw new AppError(
      'request.invalid',
      `${declined.map(n.name).join(', ')} asked not to be observed, so a note cannot name them.`,
    );
  }
  if (body.partId !== null && !n.state?.phases.some((p) => p.id === body.partId)) {
    throw new AppError('request.invalid', 'That part is not on this session’s agenda.');
  }
  if (body.endsAt !== null && (!body.span || body.endsAt < body.startsAt)) {
    throw new AppError(
      'request.invalid',
      'Only a span has an end, and it cannot end before it starts.',
    );
  }
  const at = deps.now().toISOString();
  const note: NoteRow = {
    id: input.noteId,
    meeting_id: input.meetingId,
    author_id: viewer.userId,
    code: body.code,
    text: body.text,
    part_id: body.partId,
    people: [...new Set(body.people)],
    starts_at: body.startsAt,
    ends_at: body.endsAt,
    span: body.span ? 1 : 0,
    created_at: existing?.created_at ?? at,
    updated_at: at,
  };
  // Stored as it is (by its author, who was checked above): what it says is the answer.
  await saveNote(deps.db, note);
  return toView(note, n.name);
}

/** Takes a note back (its author only); a note already gone is gone. */
export async function removeNote(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string; noteId: string },
): Promise<void> {
  await notesAccess(deps, viewer, input.meetingId);
  const existing = await findNote(deps.db, input.noteId);
  if (existing && existing.author_id !== viewer.userId) throw notesRefused();
  await deleteNote(deps.db, input.noteId, viewer.userId);
}

/** The group's codebook (the five defaults until it makes its own). Members read it. */
export async function getCodebook(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<CodebookView> {
  const access = await requireGroupAccess(deps, viewer, input.groupId, 'live.review');
  const codes = (await findCodebook(deps.db, input.groupId)) ?? [...DEFAULT_CODEBOOK];
  return { codes, canEdit: allows(access, 'live.editCodebook') };
}

/** A steward changes the group's codebook; notes already taken keep the codes they had. */
export async function putCodebook(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; codes: Code[] },
): Promise<CodebookView> {
  await requireGroupAccess(deps, viewer, input.groupId, 'live.editCodebook');
  await saveCodebook(deps.db, input.groupId, input.codes, deps.now().toISOString());
  return getCodebook(deps, viewer, { groupId: input.groupId });
}

/**
 * The session as one timeline: parts, turns, hands, who spoke, and (for the observer and the
 * facilitator) the observer's notes, in time order. Members read it.
 */
export async function getTimeline(
  deps: Deps,
  viewer: Viewer,
  input: { meetingId: string },
): Promise<TimelineView> {
  const n = await notesAccess(deps, viewer, input.meetingId);
  const [events, notes] = await Promise.all([
    listHappenings(deps.db, input.meetingId),
    n.facilitator || n.observer
      ? listNotes(deps.db, input.meetingId, n.facilitator ? null : viewer.userId)
      : Promise.resolve([]),
  ]);
  const title = (partId: string | undefined | null) =>
    (partId && n.state?.phases.find((p) => p.id === partId)?.title) || null;
  const entries: (TimelineView['entries'][number] & { order: number })[] = [];
  for (const event of events) {
    for (const h of event.happened) {
      entries.push({
        order: Date.parse(event.at),
        at: event.at,
        kind: h.kind,
        part: title(h.partId),
        who: h.userId ? n.name(h.userId) : null,
        code: null,
        text: null,
        until: null,
      });
    }
  }
  for (const note of notes) {
    entries.push({
      order: note.starts_at,
      at: new Date(note.starts_at).toISOString(),
      kind: 'note',
      part: title(note.part_id),
      who: note.people.length > 0 ? note.people.map(n.name).join(', ') : null,
      code: note.code,
      text: note.text,
      until: note.ends_at !== null ? new Date(note.ends_at).toISOString() : null,
    });
  }
  entries.sort((a, b) => a.order - b.order);
  return {
    meetingId: input.meetingId,
    groupName: n.access.group.name,
    startsAt: n.access.meeting.starts_at,
    withNotes: n.facilitator || n.observer,
    entries: entries.map(({ order: _order, ...entry }) => entry),
  };
}
