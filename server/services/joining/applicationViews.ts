import type { ApplicationView } from '../../../core/protocol/joining';
import type { ApplicationRow } from '../../db/queries/applications';

/** An application as its applicant (and the group's stewards) see it. */
export function toApplicationView(row: ApplicationRow & { group_name: string }): ApplicationView {
  return {
    id: row.id,
    groupId: row.group_id,
    groupName: row.group_name,
    status: row.status,
    answers: row.answers,
    message: row.message,
    closedReason: row.closed_reason,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}
