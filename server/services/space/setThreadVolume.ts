import type { ThreadVolume } from '../../../core/domain/space';
import { requireThreadAccess } from '../../access/requireSpaceAccess';
import type { Viewer } from '../../access/viewer';
import { setVolume } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { changePlace } from '../../space/threads';

/**
 * How much a person hears of one thread: all of it, replies where they took part (normal),
 * or nothing. One setting per thread, nothing inherited.
 */
export async function setThreadVolume(
  deps: Deps,
  viewer: Viewer,
  input: { threadId: string; volume: ThreadVolume },
): Promise<{ volume: ThreadVolume }> {
  const { thread } = await requireThreadAccess(deps, viewer, input.threadId);
  await changePlace(deps, viewer.userId, thread.id, (trx) =>
    setVolume(trx, viewer.userId, thread.id, input.volume),
  );
  return { volume: input.volume };
}
