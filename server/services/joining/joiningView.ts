/**
 * Before anyone joins a group they see what they are committing to — the planned meetings,
 * how often and how long, the comfort agreement — and confirm it; closed groups also show
 * their joining criteria and questions.
 */
import { seatsLeft } from '../../../core/domain/groupSize';
import { cadenceOf } from '../../../core/domain/meetings';
import type { JoiningView } from '../../../core/protocol/joining';
import { findLatestVersion } from '../../db/queries/agreementVersions';
import { findLatestApplication } from '../../db/queries/applications';
import type { GroupForViewer } from '../../db/queries/groups';
import { findLatestSeries, listUpcomingStarts } from '../../db/queries/meetings';
import type { Deps } from '../../deps';
import { toApplicationView } from './applicationViews';
import { waitlistStanding } from './waitlistStanding';

/** The commitment and the way in, for a group the viewer may see (or was invited to). */
export async function buildJoiningView(
  deps: Deps,
  group: GroupForViewer,
  viewerId: string | null,
): Promise<JoiningView> {
  const now = deps.now().toISOString();
  const [series, version, standing, application, upcoming] = await Promise.all([
    findLatestSeries(deps.db, group.id),
    findLatestVersion(deps.db, group.id),
    viewerId
      ? waitlistStanding(deps.db, group.id, viewerId, now)
      : Promise.resolve({ length: 0, mine: null }),
    viewerId ? findLatestApplication(deps.db, group.id, viewerId) : Promise.resolve(undefined),
    listUpcomingStarts(deps.db, group.id, now, 3),
  ]);
  const state: JoiningView['me']['state'] = !viewerId
    ? 'signed_out'
    : group.my_role
      ? 'member'
      : standing.mine?.offerExpiresAt
        ? 'offered'
        : standing.mine
          ? 'waitlisted'
          : application?.status === 'pending'
            ? 'applied'
            : 'none';
  return {
    groupId: group.id,
    name: group.name,
    purpose: group.purpose,
    visibility: group.visibility,
    stage: group.stage,
    sizeCap: group.size_cap,
    seatsLeft: seatsLeft(group.size_cap, group.member_count),
    commitment: {
      plannedMeetings: group.planned_meetings ?? series?.planned_count ?? null,
      cadence: series ? cadenceOf(series.rrule) : null,
      meetingMinutes: group.meeting_minutes,
      timeZone: group.time_zone,
      format: group.format,
      area: group.area,
      upcoming,
    },
    agreement: version
      ? {
          version: version.number,
          items: version.items.map((item) => ({ title: item.title, text: item.text })),
        }
      : null,
    joiningCriteria: group.joining_criteria,
    questions: group.questionnaire,
    waitlistLength: standing.length,
    me: {
      state,
      application: application ? toApplicationView(application) : null,
      waitlist: standing.mine,
    },
  };
}
