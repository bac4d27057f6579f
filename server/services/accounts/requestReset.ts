import type { LinkSent } from '../../../core/protocol/accounts';
import { issueLink, mailAccount } from '../../accounts/links';
import { findUserByEmail } from '../../db/queries/users';
import type { Deps } from '../../deps';
import { resetMail } from '../../mail/messages';
import { spendAttempt } from '../../security/rateLimit';
import type { RequestContext } from './signIn';

/**
 * "Forgot your password?": mails a link to choose a new one. The answer is the same whether
 * or not the address has an account.
 */
export async function requestReset(
  deps: Deps,
  input: { email: string },
  context: RequestContext,
): Promise<LinkSent> {
  await spendAttempt(deps, [
    {
      key: `reset-ip:${context.ip}`,
      max: deps.config.rateLimits.loginPerIp,
      message: 'There have been too many requests from this network.',
    },
    {
      key: `reset-account:${input.email}`,
      max: deps.config.rateLimits.loginPerAccount,
      message: 'We have sent several links to this address already.',
    },
  ]);
  // After the answer, so its time is the same whether or not the address has an account.
  deps.later.run('mailing a reset link', () => mailResetLink(deps, input.email));
  return { sentTo: input.email };
}

async function mailResetLink(deps: Deps, email: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) return;
    const now = deps.now();
    const url = await issueLink(deps, trx, { userId: user.id, scope: 'reset', at: now });
    await mailAccount(deps, trx, {
      userId: user.id,
      to: user.email,
      displayName: user.display_name,
      kind: 'account.reset',
      at: now.toISOString(),
      write: (c) => resetMail(c, { url }),
    });
  });
}
