import { summariseCommitment } from '../../../core/domain/meetings';
import type { CommitmentView } from '../../../core/protocol/meetings';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { countRecordedMeetings, listGroupAttendance } from '../../db/queries/meetings';
import { listMembers } from '../../db/queries/memberships';
import type { Deps } from '../../deps';

/**
 * The group's commitment, kindly: for each member, the meetings recorded since they joined,
 * how many they came to, on time or late, and how many they missed. Only members see it.
 */
export async function getCommitment(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<CommitmentView> {
  const { groupId } = input;
  const { group } = await requireGroupAccess(deps, viewer, groupId, 'meeting.view');
  const now = deps.now().toISOString();
  const [members, records, held] = await Promise.all([
    listMembers(deps.db, groupId),
    listGroupAttendance(deps.db, groupId, now),
    countRecordedMeetings(deps.db, groupId, now),
  ]);
  return {
    groupName: group.name,
    latenessPolicy: group.lateness_policy,
    meetingsHeld: held,
    people: members.map((m) => ({
      userId: m.user_id,
      displayName: m.display_name,
      ...summariseCommitment(
        records
          .filter((r) => r.user_id === m.user_id)
          .map((r) => ({
            startsAt: r.starts_at,
            record: { status: r.status, arrivedAt: r.arrived_at },
          })),
      ),
    })),
  };
}
