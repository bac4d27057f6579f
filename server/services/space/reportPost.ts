import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { reportBody } from '../../../core/protocol/space';
import { requirePostAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { findLatestVersion } from '../../db/queries/agreementVersions';
import { insertReport } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { membersOf, notify } from '../../notifications/notify';
import { newId } from '../../security/tokens';

/**
 * Reports a post to the group's stewards: as going against an item of the comfort agreement
 * (named), or as a risk of harm. Nothing is hidden by a report; the stewards decide. The
 * post's author is not told who reported it.
 */
export async function reportPost(
  deps: Deps,
  viewer: Viewer,
  input: { postId: string } & z.output<typeof reportBody>,
): Promise<{ reportId: string }> {
  const { post, thread } = await requirePostAccess(deps, viewer, input.postId, 'report');
  if (post.deleted_at) {
    throw new AppError('space.post_gone', 'This post was deleted, so there is nothing to report.');
  }
  const item = input.reason === 'agreement' ? (input.agreementItem ?? null) : null;
  if (input.reason === 'agreement') {
    const agreement = await findLatestVersion(deps.db, thread.group_id);
    if (!item || !agreement?.items.some((i) => i.id === item)) {
      const message = 'Choose the part of the agreement it goes against.';
      throw new AppError('request.invalid', message, {
        fields: { agreementItem: { code: 'required', message } },
      });
    }
  }
  const reportId = newId();
  await withGroupLock(
    deps,
    thread.group_id,
    async (write) => {
      await insertReport(write.trx, {
        id: reportId,
        post_id: post.id,
        group_id: thread.group_id,
        reporter_id: viewer.userId,
        reason: input.reason,
        agreement_item: item,
        note: input.note || null,
        created_at: write.at,
        settled_at: null,
        outcome: null,
      });
      const { stewards } = await membersOf(write.trx, thread.group_id);
      await notify(deps, write.trx, stewards, {
        groupId: thread.group_id,
        kind: 'space.report',
        subjectId: post.id,
        at: write.at,
      });
    },
    { views: 'keep' },
  );
  return { reportId };
}
