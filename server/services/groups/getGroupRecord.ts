import type { RecordPage } from '../../../core/protocol/record';
import { requireGroupAccess } from '../../access/requireGroupAccess';
import type { Viewer } from '../../access/viewer';
import { listGroupRecord } from '../../db/queries/auditEvents';
import type { Deps } from '../../deps';

const PAGE = 50;

/** People who asked to join are named only to stewards: members see that someone did. */
const ABOUT_APPLICANTS = /^(application|waitlist)\./;

/**
 * The group's record, for its members: who joined and left, who changed a role, removed a
 * member, closed a proposal, changed settings, and when an administrator read its mail.
 * Entries are only ever added: nobody, steward or administrator, can change or remove one.
 */
export async function getGroupRecord(
  deps: Deps,
  viewer: Viewer,
  input: { groupId: string; before?: string | undefined },
): Promise<RecordPage> {
  const { role } = await requireGroupAccess(deps, viewer, input.groupId, 'group.seeRecord');
  const rows = await listGroupRecord(deps.db, input.groupId, {
    before: input.before ?? null,
    limit: PAGE + 1,
  });
  const shown = rows.slice(0, PAGE);
  return {
    items: shown.map((r) => {
      const hidden = role !== 'steward' && ABOUT_APPLICANTS.test(r.action);
      return {
        id: r.id,
        at: r.at,
        action: r.action,
        actor: hidden ? null : (r.actor_name ?? null),
        subject: hidden ? null : (r.subject_name ?? null),
      };
    }),
    next: rows.length > PAGE ? (shown.at(-1)?.id ?? null) : null,
  };
}
