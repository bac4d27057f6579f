import { requireThreadAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { advanceRead, markSpaceSeen } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { changePlace } from '../../space/threads';

/**
 * Moves the reader's place in a thread forward (never back, and never past its end). Their
 * own record, not the group's: it takes no group lock.
 */
export async function markRead(
  deps: Deps,
  viewer: Viewer,
  input: { threadId: string; seq: number },
): Promise<{ readSeq: number }> {
  const { thread } = await requireThreadAccess(deps, viewer, input.threadId);
  const seq = Math.min(input.seq, thread.last_seq);
  const at = deps.now().toISOString();
  await changePlace(deps, viewer.userId, thread.id, async (trx) => {
    if (seq > thread.last_read_seq) await advanceRead(trx, viewer.userId, thread.id, seq, at);
    await markSpaceSeen(trx, viewer.userId, at);
  });
  return { readSeq: Math.max(seq, thread.last_read_seq) };
}
