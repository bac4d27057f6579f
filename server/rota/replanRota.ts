import { planRota } from '../../core/domain/rota';
import { listGroupMeetings, listRsvps } from '../db/queries/meetings';
import { listMemberIds } from '../db/queries/memberships';
import {
  countPastRoles,
  listAssignments,
  listNotReady,
  listRoles,
  removeRolesFromMeetings,
  upsertAssignment,
} from '../db/queries/roles';
import type { GroupWrite } from '../locks/withGroupLock';

/**
 * Plans the roles of a group's upcoming meetings again from who is in the group now, who
 * can't make each meeting, who is not ready for which role, and who has held what so far.
 * Roles settled in a swap stay as they are. Runs on the group's write path, after any
 * change that the rota depends on.
 */
export async function replanRota(write: GroupWrite): Promise<void> {
  const { trx: db, groupId, at } = write;
  const [roles, members, notReady, upcoming, history] = await Promise.all([
    listRoles(db, groupId),
    listMemberIds(db, groupId),
    listNotReady(db, groupId),
    listGroupMeetings(db, groupId, { from: at, order: 'asc', limit: 200 }),
    countPastRoles(db, groupId, at),
  ]);
  const meetings = upcoming.filter((m) => m.status === 'scheduled');
  const ids = meetings.map((m) => m.id);
  const [rsvps, assignments] = await Promise.all([listRsvps(db, ids), listAssignments(db, ids)]);
  const active = roles.filter((r) => r.paused_at === null).map((r) => r.id);
  const memberSet = new Set(members);

  const prior: Record<string, Record<string, number>> = {};
  for (const row of history) {
    prior[row.user_id] = { ...prior[row.user_id], [row.role_id]: row.n };
  }
  const rota = planRota({
    roles: active,
    members: members.map((id) => ({
      id,
      notReady: notReady.filter((n) => n.user_id === id).map((n) => n.role_id),
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      unavailable: rsvps
        .filter((r) => r.meeting_id === m.id && r.response === 'not_going')
        .map((r) => r.user_id),
      fixed: Object.fromEntries(
        assignments
          .filter(
            (a) =>
              a.meeting_id === m.id &&
              a.pinned_at !== null &&
              a.user_id !== null &&
              memberSet.has(a.user_id),
          )
          .map((a) => [a.role_id, a.user_id as string]),
      ),
    })),
    prior,
  });

  for (const meeting of meetings) {
    const planned = rota[meeting.id] ?? {};
    const current = new Map(
      assignments.filter((a) => a.meeting_id === meeting.id).map((a) => [a.role_id, a]),
    );
    for (const [roleId, userId] of Object.entries(planned)) {
      const existing = current.get(roleId);
      if (existing && existing.user_id === userId) continue;
      const keepsPin = existing?.pinned_at && existing.user_id === userId;
      await upsertAssignment(db, {
        meeting_id: meeting.id,
        role_id: roleId,
        user_id: userId,
        pinned_at: keepsPin ? (existing?.pinned_at ?? null) : null,
        updated_at: at,
      });
    }
  }
  // Roles left out of the rota no longer appear on upcoming meetings.
  const paused = roles.filter((r) => r.paused_at !== null).map((r) => r.id);
  await removeRolesFromMeetings(db, ids, paused, at);
}
