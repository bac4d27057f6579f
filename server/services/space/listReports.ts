import type { ReportList } from '../../../core/protocol/space';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { findLatestVersion } from '../../db/queries/agreementVersions';
import { listOpenReports, listSecondLooks } from '../../db/queries/space';
import type { Deps } from '../../deps';

/**
 * What the stewards have to look at: open reports with the post and the agreement item they
 * name, and hidden posts whose authors asked for a second look. Who reported is not shown.
 */
export async function listReports(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<ReportList> {
  await requireGroupAccess(deps, viewer, input.groupId, 'space.moderate');
  const [reports, looks, agreement] = await Promise.all([
    listOpenReports(deps.db, input.groupId),
    listSecondLooks(deps.db, input.groupId),
    findLatestVersion(deps.db, input.groupId),
  ]);
  const items = new Map((agreement?.items ?? []).map((i) => [i.id, i]));
  return {
    reports: reports.map((r) => ({
      id: r.id,
      postId: r.post_id,
      threadId: r.thread_id,
      threadTitle: r.title,
      reason: r.reason,
      agreementItem: (r.agreement_item && items.get(r.agreement_item)) || null,
      note: r.note,
      createdAt: r.created_at,
      post: {
        authorName: r.author_name,
        html: r.body_html,
        contentNote: r.content_note,
        hidden: r.hidden_at !== null,
        deleted: r.deleted_at !== null,
      },
    })),
    secondLooks: looks.map((l) => ({
      postId: l.id,
      threadId: l.thread_id,
      threadTitle: l.title,
      authorName: l.author_name,
      html: l.body_html,
      hiddenNote: l.hidden_note,
      note: l.second_look_note,
      askedAt: l.second_look_at ?? '',
    })),
  };
}
