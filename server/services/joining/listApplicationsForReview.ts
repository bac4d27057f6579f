import { seatsLeft } from '../../../core/domain/groupSize';
import { mixTable } from '../../../core/domain/joining';
import type { ApplicationsForReview } from '../../../core/protocol/joining';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { listApplicationsToReview, listMemberAnswers } from '../../db/queries/applications';
import type { Deps } from '../../deps';
import { toApplicationView } from './applicationViews';

/** For stewards: applications waiting, each with the group's mix and how it would change. */
export async function listApplicationsForReview(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<ApplicationsForReview> {
  const { group } = await requireGroupAccess(
    deps,
    viewer,
    input.groupId,
    'group.reviewApplications',
  );
  const questions = group.questionnaire;
  const [members, rows] = await Promise.all([
    listMemberAnswers(deps.db, input.groupId),
    listApplicationsToReview(deps.db, input.groupId),
  ]);
  return {
    questions,
    seatsLeft: seatsLeft(group.size_cap, group.member_count),
    mix: mixTable(questions, members, {}),
    items: rows.map((row) => ({
      ...toApplicationView(row),
      applicant: { userId: row.user_id, displayName: row.display_name },
      mix: mixTable(questions, members, row.answers),
    })),
  };
}
