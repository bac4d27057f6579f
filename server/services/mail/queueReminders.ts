import { nextTurn } from '../../background';
import { listMeetingsStarting, listRsvps } from '../../db/queries/meetings';
import { listMemberContacts } from '../../db/queries/memberships';
import { listAssignments } from '../../db/queries/roles';
import type { Deps } from '../../deps';
import { meetingFactsFor, reminderMail, rolesMail } from '../../mail/messages';
import { readPreferences } from '../../mail/preferences';
import { queueMail } from '../../mail/queueMail';

const ROLE_NOTICE_DAYS = 7;

/**
 * Queues the reminders that are due: for each person, the reminder they chose that has most
 * recently come due (so someone who joins late gets one mail, not three), and once a week
 * ahead, a note of their roles. Nobody who said they can't come is reminded.
 */
export async function queueReminders(deps: Deps): Promise<number> {
  const now = deps.now();
  const horizon = new Date(now.getTime() + ROLE_NOTICE_DAYS * 86_400_000).toISOString();
  const meetings = await listMeetingsStarting(deps.db, now.toISOString(), horizon);
  const ids = meetings.map((m) => m.id);
  const [rsvps, assignments] = await Promise.all([
    listRsvps(deps.db, ids),
    listAssignments(deps.db, ids),
  ]);
  let queued = 0;
  const at = now.toISOString();
  for (const meeting of meetings) {
    await nextTurn();
    const away = new Set(
      rsvps
        .filter((r) => r.meeting_id === meeting.id && r.response === 'not_going')
        .map((r) => r.user_id),
    );
    const people = (await listMemberContacts(deps.db, meeting.group_id)).filter(
      (p) => !away.has(p.userId),
    );
    const facts = meetingFactsFor(deps.config.publicUrl, meeting);
    const rolesOf = (userId: string) =>
      assignments
        .filter((a) => a.meeting_id === meeting.id && a.user_id === userId)
        .map((a) => a.role_name);
    const minutesLeft = (Date.parse(meeting.starts_at) - now.getTime()) / 60_000;

    const chosen = await readPreferences(
      deps.db,
      people.map((p) => p.userId),
    );
    // The reminder point each person most recently reached names their mail, so each
    // point sends once.
    const reached = new Map<string, number>();
    for (const person of people) {
      const point = (chosen.get(person.userId)?.reminders ?? [])
        .filter((offset) => offset >= minutesLeft)
        .sort((a, b) => a - b)[0];
      if (point !== undefined) reached.set(person.userId, point);
    }
    queued += await queueMail(deps.db, {
      publicUrl: deps.config.publicUrl,
      to: people.filter((p) => reached.has(p.userId)),
      kind: 'reminder',
      at,
      groupId: meeting.group_id,
      dedupeKey: (p) =>
        `reminder:${meeting.id}:${meeting.sequence}:${p.userId}:${reached.get(p.userId)}`,
      write: (context, p) => reminderMail(context, facts, rolesOf(p.userId)),
    });
    queued += await queueMail(deps.db, {
      publicUrl: deps.config.publicUrl,
      to: people.filter((p) => rolesOf(p.userId).length > 0),
      kind: 'roles',
      at,
      groupId: meeting.group_id,
      wants: (p) => p.roles,
      dedupeKey: (p) => `roles:${meeting.id}:${p.userId}:${rolesOf(p.userId).join('|')}`,
      write: (context, p) => rolesMail(context, facts, rolesOf(p.userId)),
    });
  }
  return queued;
}
