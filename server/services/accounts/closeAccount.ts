/**
 * Closing one's own account, and erasing closed accounts once their time to undo passes.
 * Closing is immediate: signed out everywhere, out of every group, waitlist and live room.
 * Erasure (after ERASE_AFTER_DAYS) removes personal data; signing in before then undoes it.
 */

import type { Viewer } from '../../access/viewer';
import { endSessionsOf, forgetPerson } from '../../accounts/forget';
import { mailAccount } from '../../accounts/links';
import { currentUser } from '../../accounts/me';
import { requireCurrentPassword } from '../../accounts/passwordRules';
import { recordAudit } from '../../audit/recordAudit';
import { nextTurn } from '../../background';
import { roomStateText } from '../../db/jsonColumns';
import {
  eraseAccount,
  FORMER_MEMBER,
  listDueErasures,
  listGroupTiesOf,
  listMailNaming,
  listRoomsNaming,
  markClosed,
  rewriteMail,
  withdrawOpenApplications,
} from '../../db/queries/accountClosing';
import { voidAccountTokens } from '../../db/queries/accountTokens';
import { rewriteRoomState } from '../../db/queries/liveRooms';
import { findMembership } from '../../db/queries/memberships';
import { deleteStaff } from '../../db/queries/staff';
import { findWaitlistEntry } from '../../db/queries/waitlist';
import type { Deps } from '../../deps';
import { withGroupLock } from '../../locks/withGroupLock';
import { accountClosedMail } from '../../mail/messages';
import { leaveQueue } from '../../membership/leaveQueue';
import { spendAttempt } from '../../security/rateLimit';
import { takeOutOfGroup } from '../groups/takeOutOfGroup';

export const ERASE_AFTER_DAYS = 14;

export async function closeAccount(
  deps: Deps,
  viewer: Viewer,
  input: { password?: string | undefined },
): Promise<void> {
  await spendAttempt(deps, [
    {
      key: `account-close:${viewer.userId}`,
      max: deps.config.rateLimits.loginPerAccount,
      message: 'There have been several attempts to close this account.',
    },
  ]);
  const user = await currentUser(deps, viewer);
  await requireCurrentPassword(deps, viewer, user.password_hash, input.password, 'password');

  // Out of every group, each under its own lock, so every view of it is forgotten.
  for (const groupId of await listGroupTiesOf(deps.db, user.id)) {
    await withGroupLock(
      deps,
      groupId,
      async (write) => {
        if (await findMembership(write.trx, groupId, user.id)) {
          await takeOutOfGroup(deps, write, {
            userId: user.id,
            actorId: user.id,
            action: 'member.left',
            handOver: true,
          });
        }
        if (await deleteStaff(write.trx, groupId, user.id)) {
          await recordAudit(write.trx, {
            at: write.at,
            actorId: user.id,
            groupId,
            action: 'staff.removed',
            subjectId: user.id,
          });
        }
        const entry = await findWaitlistEntry(write.trx, groupId, user.id);
        if (entry) await leaveQueue(deps, write, entry);
        await withdrawOpenApplications(write.trx, groupId, user.id, write.at);
      },
      { adjourned: 'allow' },
    );
  }

  await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const at = now.toISOString();
    const eraseAfter = new Date(now.getTime() + ERASE_AFTER_DAYS * 86_400_000);
    await markClosed(trx, user.id, at, eraseAfter.toISOString());
    await voidAccountTokens(trx, user.id, at);
    await mailAccount(deps, trx, {
      userId: user.id,
      to: user.email,
      displayName: user.display_name,
      kind: 'account.closed',
      at,
      write: (c) =>
        accountClosedMail(c, {
          days: ERASE_AFTER_DAYS,
          until: eraseAfter.toLocaleDateString('en-GB', {
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            timeZone: 'UTC',
          }),
          signInUrl: `${deps.config.publicUrl}/signin`,
        }),
    });
  });
  // Signed out everywhere: every node forgets the sessions and closes their live sockets.
  await endSessionsOf(deps, user.id, null);
}

/**
 * Erases every closed account whose time to undo has passed. Each in its own transaction;
 * safe to run on several nodes at once (an erased account is not listed again).
 */
export async function eraseClosedAccounts(deps: Deps): Promise<number> {
  const due = await listDueErasures(deps.db, deps.now().toISOString());
  for (const user of due) {
    await nextTurn();
    await deps.db.transaction().execute(async (trx) => {
      const at = deps.now().toISOString();
      await eraseAccount(trx, user, at);
      // Live sessions keep each person's name for the record: theirs becomes "Former member".
      for (const { meeting_id, state } of await listRoomsNaming(trx, user.id)) {
        for (const p of state.participants) if (p.userId === user.id) p.name = FORMER_MEMBER;
        await rewriteRoomState(trx, meeting_id, roomStateText(state));
      }
      // Mail to others that named them (an invitation, a proposal) names them no more.
      const name = new RegExp(
        `\\b${user.display_name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`,
        'g',
      );
      for (const mail of await listMailNaming(trx, user.display_name)) {
        await rewriteMail(trx, mail.id, {
          subject: mail.subject.replace(name, 'A former member'),
          text_body: mail.text_body.replace(name, 'a former member'),
          html_body: mail.html_body.replace(name, 'a former member'),
        });
      }
    });
    // Cached threads still show their words and name until forgotten, on every node.
    await forgetPerson(deps, user.id);
  }
  return due.length;
}
