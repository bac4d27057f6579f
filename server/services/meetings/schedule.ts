import type { z } from 'zod';
import { checkSchedule, expandSchedule, normaliseRule } from '../../../core/domain/recurrence';
import { AppError } from '../../../core/errors';
import type {
  meetingSettingsBody,
  ScheduleOverview,
  scheduleBody,
} from '../../../core/protocol/meetings';
import {
  findMeetingSettings,
  updateMeetingSettings as saveMeetingSettings,
} from '../../db/queries/groups';
import { insertMeetings, insertSeries, listGroupMeetings } from '../../db/queries/meetings';
import { listMembers } from '../../db/queries/memberships';
import { listNotReady, listRoles } from '../../db/queries/roles';
import { meetingPolicy } from '../../policies/meetings';
import { newId } from '../../security/tokens';
import type { Deps, Viewer } from '../deps';
import { lockOpenGroup } from '../forming/lockOpenGroup';
import { recordAudit } from '../recordAudit';
import { memberOfGroup } from './access';
import { replanRota } from './replanRota';
import { venueColumns } from './venue';
import { summariseMeetings } from './views';

const noFacts = { isHost: false, isFacilitator: false };

/** A group's schedule: upcoming and recent meetings with their roles, the role catalogue. */
export async function getSchedule(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
): Promise<ScheduleOverview> {
  const visible = await memberOfGroup(deps, viewer, groupId);
  const now = deps.now().toISOString();
  const [upcoming, past, roles, notReady, members, settings] = await Promise.all([
    listGroupMeetings(deps.db, groupId, { from: now, order: 'asc', limit: 104 }),
    listGroupMeetings(deps.db, groupId, { to: now, order: 'desc', limit: 20 }),
    listRoles(deps.db, groupId),
    listNotReady(deps.db, groupId),
    listMembers(deps.db, groupId),
    findMeetingSettings(deps.db, groupId),
  ]);
  const [upcomingViews, pastViews] = await Promise.all([
    summariseMeetings(deps.db, viewer.userId, upcoming),
    summariseMeetings(deps.db, viewer.userId, past),
  ]);
  return {
    groupId,
    groupName: visible.group.name,
    timeZone: settings.time_zone,
    meetingMinutes: settings.meeting_minutes,
    latenessPolicy: settings.lateness_policy,
    canManage: meetingPolicy.schedule(visible.role, noFacts),
    upcoming: upcomingViews,
    past: pastViews,
    roles: roles.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      description: r.description,
      inRota: r.paused_at === null,
    })),
    myNotReady: notReady.filter((n) => n.user_id === viewer.userId).map((n) => n.role_id),
    members: members.map((m) => ({ userId: m.user_id, displayName: m.display_name })),
  };
}

/** Throws unless the viewer is a steward of the group. */
export async function stewardOf(deps: Deps, viewer: Viewer, groupId: string, message: string) {
  const visible = await memberOfGroup(deps, viewer, groupId);
  if (!meetingPolicy.schedule(visible.role, noFacts)) throw new AppError('forbidden', message);
  return visible;
}

/**
 * Plans meetings: one, or a series from a recurrence rule with a planned number or an end
 * date. Each occurrence becomes its own meeting (so one can move or be cancelled), and the
 * rota is planned for them.
 */
export async function createSchedule(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: z.output<typeof scheduleBody>,
): Promise<ScheduleOverview> {
  await stewardOf(deps, viewer, groupId, 'Only stewards can plan the group’s meetings.');
  const rule = {
    start: input.start,
    timeZone: input.timeZone,
    rrule: input.rrule?.trim() ? input.rrule.trim() : null,
    count: input.count,
    until: input.until,
  };
  const problems = checkSchedule(rule);
  if (problems.length > 0) {
    const fields = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    throw new AppError('request.invalid', problems[0]?.message ?? 'Check the schedule.', {
      fields,
    });
  }
  const starts = expandSchedule(rule);
  const now = deps.now();
  const upcoming = starts.filter((s) => Date.parse(s) > now.getTime());
  if (upcoming.length === 0) {
    const message = 'Every meeting in this schedule is in the past. Choose a later start.';
    throw new AppError('request.invalid', message, { fields: { start: message } });
  }
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    const group = await findMeetingSettings(trx, groupId);
    const duration = input.durationMinutes ?? group.meeting_minutes;
    let seriesId: string | null = null;
    if (rule.rrule) {
      seriesId = newId();
      await insertSeries(trx, {
        id: seriesId,
        group_id: groupId,
        rrule: normaliseRule(rule.rrule),
        start_local: rule.start,
        time_zone: rule.timeZone,
        planned_count: rule.count,
        until_date: rule.until,
        created_by: viewer.userId,
        created_at: at,
      });
    }
    const venue = venueColumns(input.venue);
    await insertMeetings(
      trx,
      upcoming.map((startsAt) => ({
        id: newId(),
        group_id: groupId,
        series_id: seriesId,
        starts_at: startsAt,
        duration_minutes: duration,
        time_zone: rule.timeZone,
        status: 'scheduled',
        original_starts_at: null,
        change_note: null,
        sequence: 0,
        ...venue,
        created_at: at,
        updated_at: at,
      })),
    );
    // The group now meets in this zone.
    await saveMeetingSettings(trx, groupId, { time_zone: rule.timeZone });
    await replanRota(trx, groupId, now);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'meetings.scheduled',
      subjectId: seriesId,
    });
  });
  return getSchedule(deps, viewer, groupId);
}

/** The group's time zone, usual meeting length, and how it handles lateness and absence. */
export async function updateMeetingSettings(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: z.output<typeof meetingSettingsBody>,
): Promise<ScheduleOverview> {
  await stewardOf(deps, viewer, groupId, 'Only stewards can change how the group meets.');
  const patch = {
    ...(input.timeZone ? { time_zone: input.timeZone } : {}),
    ...(input.meetingMinutes ? { meeting_minutes: input.meetingMinutes } : {}),
    ...(input.latenessPolicy ? { lateness_policy: input.latenessPolicy } : {}),
  };
  await saveMeetingSettings(deps.db, groupId, patch);
  return getSchedule(deps, viewer, groupId);
}
