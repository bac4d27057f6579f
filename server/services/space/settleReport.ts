import { AppError } from '../../../core/errors';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { findPostPlace, findReport, setHidden, settleReportsOf } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { notify } from '../../notifications/notify';
import { announceThread } from '../../space/threads';

const DEFAULT_NOTE = 'The group’s stewards hid this post because it goes against the agreement.';

/**
 * A steward settles the reports about a post: hides it, with a note to its author (who may
 * ask for a second look), or keeps it. Either way it is in the group's record.
 */
export async function settleReport(
  deps: Deps,
  viewer: Viewer,
  input: { reportId: string; outcome: 'hide' | 'keep'; note?: string | undefined },
): Promise<void> {
  const report = await findReport(deps.db, input.reportId);
  const missing = () => new AppError('not_found', 'We could not find that report.');
  if (!report) throw missing();
  await requireGroupAccess(deps, viewer, report.group_id, 'space.moderate');
  const post = await findPostPlace(deps.db, report.post_id);
  if (!post) throw missing();
  await withGroupLock(
    deps,
    report.group_id,
    async (write) => {
      if (
        !(await settleReportsOf(
          write.trx,
          post.id,
          input.outcome === 'hide' ? 'hidden' : 'kept',
          write.at,
        ))
      ) {
        return; // Settled already (a second click, another steward).
      }
      if (input.outcome === 'hide' && !post.deleted_at) {
        await setHidden(write.trx, post.id, { at: write.at, note: input.note || DEFAULT_NOTE });
        if (post.author_id) {
          await notify(deps, write.trx, [post.author_id], {
            groupId: report.group_id,
            kind: 'space.moderated',
            subjectId: post.thread_id,
            at: write.at,
          });
        }
      }
      await recordAudit(write.trx, {
        at: write.at,
        actorId: viewer.userId,
        groupId: report.group_id,
        action: input.outcome === 'hide' ? 'space.post_hidden' : 'space.report_kept',
        subjectId: post.author_id,
      });
      await announceThread(write, {
        id: post.thread_id,
        group_id: report.group_id,
        space: post.space,
      });
    },
    { views: 'keep' },
  );
}
