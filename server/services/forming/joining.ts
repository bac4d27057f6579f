/**
 * Before anyone joins a group they see what they are committing to — the planned meetings,
 * how often and how long, the comfort agreement — and confirm it; closed groups also show
 * their joining criteria and questions.
 */
import { seatsLeft } from '../../../core/domain/groupSize';
import { describeCadence } from '../../../core/domain/meetings';
import { AppError } from '../../../core/errors';
import type { GroupDetail } from '../../../core/protocol/api';
import type { JoiningView } from '../../../core/protocol/forming';
import { findLatestVersion } from '../../db/queries/agreementVersions';
import {
  findLatestApplication,
  findLatestSeries,
  listUpcomingStarts,
} from '../../db/queries/forming';
import type { GroupForViewer } from '../../db/queries/groups';
import { admitMember } from '../admitMember';
import { itemsOf } from '../agreement/agreementItems';
import type { Deps, Viewer } from '../deps';
import { findVisibleGroup } from '../findVisibleGroup';
import { getGroup } from '../getGroup';
import { questionsOf, toApplicationView } from './applications';
import { waitlistStanding } from './waitlist';

/** The commitment and the way in, for a group the viewer may see (or was invited to). */
export async function buildJoiningView(
  deps: Deps,
  group: GroupForViewer,
  viewerId: string | null,
): Promise<JoiningView> {
  const now = deps.now().toISOString();
  const series = await findLatestSeries(deps.db, group.id);
  const version = await findLatestVersion(deps.db, group.id);
  const agreement = itemsOf(version);
  const standing = viewerId
    ? await waitlistStanding(deps.db, group.id, viewerId, now)
    : { length: 0, mine: null };
  const application = viewerId
    ? await findLatestApplication(deps.db, group.id, viewerId)
    : undefined;
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
      cadence: series ? describeCadence(series.rrule) : null,
      meetingMinutes: group.meeting_minutes,
      timeZone: group.time_zone,
      format: group.format,
      area: group.area,
      upcoming: await listUpcomingStarts(deps.db, group.id, now, 3),
    },
    agreement:
      agreement && version
        ? {
            version: version.number,
            items: agreement.map((item) => ({ title: item.title, text: item.text })),
          }
        : null,
    joiningCriteria: group.joining_criteria,
    questions: questionsOf(group),
    waitlistLength: standing.length,
    me: {
      state,
      application: application ? toApplicationView(application) : null,
      waitlist: standing.mine,
    },
  };
}

export async function getJoining(
  deps: Deps,
  viewerId: string | null,
  groupId: string,
): Promise<JoiningView> {
  const visible = await findVisibleGroup(deps.db, groupId, viewerId);
  return buildJoiningView(deps, visible.group, viewerId);
}

/** Joins an open group directly, if there is a seat; the commitment was confirmed. */
export async function joinGroup(deps: Deps, viewer: Viewer, groupId: string): Promise<GroupDetail> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (visible.role !== 'non_member') {
    throw new AppError('group.already_member', 'You are already a member of this group.');
  }
  if (visible.group.visibility !== 'open') {
    throw new AppError(
      'forbidden',
      visible.group.visibility === 'closed'
        ? 'This group takes new members by application.'
        : 'This group takes new members by invitation from its stewards.',
    );
  }
  await deps.db.transaction().execute((trx) =>
    admitMember(trx, { groupId, userId: viewer.userId, at: deps.now().toISOString() }).catch(
      (error: unknown) => {
        if (error instanceof AppError && error.code === 'group.full') {
          throw new AppError(
            'group.full',
            'This group is full just now. You can join its waitlist, and we will offer you the next free seat.',
          );
        }
        throw error;
      },
    ),
  );
  deps.cache.forgetGroup(groupId);
  return getGroup(deps, viewer.userId, groupId);
}
