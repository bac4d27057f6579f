import type { z } from 'zod';
import { checkSchedule, expandSchedule, normaliseRule } from '../../../core/domain/recurrence';
import { AppError, type FieldProblems, fieldError } from '../../../core/errors';
import type { ScheduleOverview, scheduleBody } from '../../../core/protocol/meetings';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { updateGroup } from '../../db/queries/groups';
import { insertMeetings, insertSeries, listScheduledAt } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { replanRota } from '../../rota/replanRota';
import { newId } from '../../security/tokens';
import { getSchedule } from './getSchedule';
import { venueColumns } from './venue';

/** The server's sentence for each problem a schedule can have (the web app has its own). */
const SCHEDULE_MESSAGES = {
  invalid: 'Check this.',
  schedule_rule: 'That rule is not one Hearth can use for meetings.',
  schedule_count_or_end: 'Say how many meetings are planned, or the date they end.',
  schedule_too_many: 'That is more meetings than one schedule can hold.',
  schedule_end: 'Enter the end date as a date.',
  schedule_end_before_start: 'The end date is before the first meeting.',
} as const;

/**
 * Plans meetings: one, or a series from a recurrence rule with a planned number or an end
 * date. Each occurrence becomes its own meeting (so one can move or be cancelled), and the
 * rota is planned for them.
 */
export async function createSchedule(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string } & z.output<typeof scheduleBody>,
): Promise<ScheduleOverview> {
  const { groupId } = input;
  await requireGroupAccess(deps, viewer, groupId, 'meeting.schedule');
  const rule = {
    start: input.start,
    timeZone: input.timeZone,
    rrule: input.rrule?.trim() ? input.rrule.trim() : null,
    count: input.count,
    until: input.until,
  };
  const problems = checkSchedule(rule);
  if (problems.length > 0) {
    const fields: FieldProblems = {};
    for (const p of problems) {
      fields[p.field] = {
        code: p.code,
        message: SCHEDULE_MESSAGES[p.code],
        ...(p.params ? { params: p.params as Record<string, string | number> } : {}),
      };
    }
    throw new AppError('request.invalid', problems[0] ? SCHEDULE_MESSAGES[problems[0].code] : '', {
      fields,
    });
  }
  const starts = expandSchedule(rule);
  const now = deps.now();
  const upcoming = starts.filter((s) => Date.parse(s) > now.getTime());
  if (upcoming.length === 0) {
    throw fieldError(
      'start',
      'schedule_in_past',
      'Every meeting in this schedule is in the past. Choose a later start.',
    );
  }
  await withGroupLock(deps, groupId, async (write) => {
    const { trx, group, at } = write;
    // Planning the same meetings again (a second press, a retry) must not make them twice.
    const taken = await listScheduledAt(trx, groupId, upcoming);
    if (taken.length > 0) {
      throw new AppError(
        'schedule.duplicate',
        `${taken.length} of these meetings are already planned (the first on ${taken[0]}). Change or cancel the planned ones, or choose other dates.`,
        { params: { count: taken.length, first: taken[0] ?? '' } },
      );
    }
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
        cancel_reason: null,
        sequence: 0,
        ...venue,
        created_at: at,
        updated_at: at,
      })),
    );
    // The group now meets in this zone.
    await updateGroup(trx, groupId, { time_zone: rule.timeZone });
    await replanRota(write);
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'meetings.scheduled',
      subjectId: seriesId,
    });
  });
  return getSchedule(deps, viewer, input);
}
