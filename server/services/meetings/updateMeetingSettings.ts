import type { z } from 'zod';
import type { meetingSettingsBody, ScheduleOverview } from '../../../core/protocol/meetings';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { updateGroup } from '../../db/queries/groups';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { getSchedule } from './getSchedule';

/** The group's time zone, usual meeting length, and how it handles lateness and absence. */
export async function updateMeetingSettings(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string } & z.output<typeof meetingSettingsBody>,
): Promise<ScheduleOverview> {
  await requireGroupAccess(deps, viewer, input.groupId, 'meeting.schedule');
  await withGroupLock(deps, input.groupId, ({ trx, groupId }) =>
    updateGroup(trx, groupId, {
      ...(input.timeZone ? { time_zone: input.timeZone } : {}),
      ...(input.meetingMinutes ? { meeting_minutes: input.meetingMinutes } : {}),
      ...(input.latenessPolicy ? { lateness_policy: input.latenessPolicy } : {}),
    }),
  );
  return getSchedule(deps, viewer, input);
}
