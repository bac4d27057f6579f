import { AppError } from '../../../core/errors';
import type { GroupNotesView } from '../../../core/protocol/observer';
import { authorize } from '../../access/requireGroupAccess';
import { requireMeetingAccess } from '../../access/requireMeetingAccess';
import type { Viewer } from '../../access/viewer';
import { findRoom } from '../../db/queries/liveRooms';
import { findGroupNotes, saveGroupNotes } from '../../db/queries/observerNotes';
import type { Deps } from '../../deps';

interface Key {
  meetingId: string;
  breakoutsId: string;
  groupId: string;
}

const missing = () => new AppError('not_found', 'We could not find those notes.');

/**
 * Where a small group stands for the viewer: the group (running, or from the last round),
 * whether they are in it, and whether its notes were shared. Members of the group only.
 */
async function groupAccess(deps: Deps, viewer: Viewer, key: Key) {
  const access = await requireMeetingAccess(deps, viewer, key.meetingId);
  authorize(access, 'live.review');
  const state = (await findRoom(deps.db, key.meetingId))?.state;
  const running = state?.breakouts?.id === key.breakoutsId ? state.breakouts : null;
  const runningGroup = running?.groups.find((g) => g.id === key.groupId);
  const last = state?.lastBreakouts?.id === key.breakoutsId ? state.lastBreakouts : null;
  const lastGroup = last?.groups.find((g) => g.id === key.groupId);
  const group = runningGroup ?? lastGroup;
  if (!group) throw missing();
  const member = group.members.includes(viewer.userId);
  const canEdit =
    running?.status === 'running' &&
    runningGroup !== undefined &&
    member &&
    !runningGroup.closed &&
    !running.back.includes(viewer.userId);
  // Shared only once everyone is back, and only if its people chose to.
  const shared = !runningGroup && lastGroup?.shared === true;
  return { name: group.name, member, canEdit, shared };
}

/** A small group's notes: its people read them, and everyone once they are shared. */
export async function getGroupNotes(deps: Deps, viewer: Viewer, key: Key): Promise<GroupNotesView> {
  const g = await groupAccess(deps, viewer, key);
  // Not shared: as if there were none, for anyone outside the group.
  if (!g.member && !g.shared) throw missing();
  return notesView(deps, key, g);
}

/** The notes as the viewer sees them, where they stand to the group is already known. */
async function notesView(
  deps: Deps,
  key: Key,
  g: Awaited<ReturnType<typeof groupAccess>>,
): Promise<GroupNotesView> {
  const row = await findGroupNotes(deps.db, key);
  return {
    groupName: g.name,
    text: row?.text ?? '',
    updatedAt: row?.updated_at ?? null,
    canEdit: g.canEdit,
    shared: g.shared,
  };
}

/** Keeps a small group's notes (its people, while it runs); the same words again are no change. */
export async function putGroupNotes(
  deps: Deps,
  viewer: Viewer,
  key: Key & { text: string },
): Promise<GroupNotesView> {
  const g = await groupAccess(deps, viewer, key);
  if (!g.member) throw missing();
  if (!g.canEdit) {
    throw new AppError(
      'forbidden',
      'These notes can be written only while the small group is under way.',
    );
  }
  await saveGroupNotes(deps.db, key, {
    text: key.text,
    by: viewer.userId,
    at: deps.now().toISOString(),
  });
  return notesView(deps, key, g);
}
