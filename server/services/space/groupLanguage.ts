import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { LanguageList, languageBody } from '../../../core/protocol/space';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { recordAudit } from '../../audit/recordAudit';
import { deleteLanguage, insertLanguage, listLanguage } from '../../db/queries/space';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { newId } from '../../security/tokens';

const MAX_ENTRIES = 100;

/** The group's own additions to the language suggestions its members see while writing. */
export async function getGroupLanguage(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<LanguageList> {
  await requireGroupAccess(deps, viewer, input.groupId, 'space.visit');
  const rows = await listLanguage(deps.db, input.groupId);
  return {
    entries: rows.map((r) => ({
      id: r.id,
      problem: r.problem,
      suggestion: r.suggestion,
      why: r.why,
    })),
  };
}

/** A steward adds a phrase and what to say instead. */
export async function addGroupLanguage(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string } & z.output<typeof languageBody>,
): Promise<LanguageList> {
  await requireGroupAccess(deps, viewer, input.groupId, 'space.manageLanguage');
  await withGroupLock(
    deps,
    input.groupId,
    async (write) => {
      const rows = await listLanguage(write.trx, input.groupId);
      if (rows.some((r) => r.problem.toLowerCase() === input.problem.toLowerCase())) return;
      if (rows.length >= MAX_ENTRIES) {
        const message = `A group can add at most ${MAX_ENTRIES} phrases.`;
        throw new AppError('request.invalid', message, {
          fields: { problem: { code: 'too_big', message, params: { max: MAX_ENTRIES } } },
        });
      }
      await insertLanguage(write.trx, {
        id: newId(),
        group_id: input.groupId,
        problem: input.problem,
        suggestion: input.suggestion,
        why: input.why,
        added_by: viewer.userId,
        created_at: write.at,
      });
      await recordAudit(write.trx, {
        at: write.at,
        actorId: viewer.userId,
        groupId: input.groupId,
        action: 'space.language_added',
      });
    },
    { views: 'keep' },
  );
  return getGroupLanguage(deps, viewer, input);
}

/** A steward takes one of the group's phrases off the list. */
export async function removeGroupLanguage(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; entryId: string },
): Promise<LanguageList> {
  await requireGroupAccess(deps, viewer, input.groupId, 'space.manageLanguage');
  await withGroupLock(
    deps,
    input.groupId,
    async (write) => {
      if (!(await deleteLanguage(write.trx, input.groupId, input.entryId))) return;
      await recordAudit(write.trx, {
        at: write.at,
        actorId: viewer.userId,
        groupId: input.groupId,
        action: 'space.language_removed',
      });
    },
    { views: 'keep' },
  );
  return getGroupLanguage(deps, viewer, input);
}
