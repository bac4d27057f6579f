import { AppError } from '../../core/errors';
import type { Me } from '../../core/protocol/accounts';
import type { Viewer } from '../access/viewer';
import { findUserById, mayMail, type UserRow } from '../db/queries/users';
import type { Deps } from '../deps';
import { canSendMail } from './links';

type UserFacts = Pick<
  UserRow,
  'id' | 'email' | 'display_name' | 'created_at' | 'email_verified_at' | 'email_trusted'
>;

/**
 * Whether the person administers this Hearth: their address is listed in ADMIN_EMAILS and,
 * where Hearth can send mail, shown to be theirs (anyone can type an address at sign-up).
 */
export function isAdministrator(deps: Deps, user: UserFacts): boolean {
  return deps.config.adminEmails.has(user.email) && (mayMail(user) || !canSendMail(deps));
}

/** The signed-in person as the session carries them. */
export function viewerOf(deps: Deps, user: UserFacts, sessionId: string): Viewer {
  return {
    userId: user.id,
    sessionId,
    email: user.email,
    displayName: user.display_name,
    createdAt: user.created_at,
    isAdmin: isAdministrator(deps, user),
    emailConfirmed: user.email_verified_at !== null,
  };
}

/** The signed-in person's own row; an account gone since the session began must sign in again. */
export async function currentUser(deps: Deps, viewer: Viewer): Promise<UserRow> {
  const user = await findUserById(deps.db, viewer.userId);
  if (!user) throw new AppError('auth.required', 'Please sign in to continue.');
  return user;
}

/** The person as the API shows them to themselves. */
export function meOf(viewer: Viewer): Me {
  return {
    id: viewer.userId,
    email: viewer.email,
    displayName: viewer.displayName,
    isAdmin: viewer.isAdmin,
    createdAt: viewer.createdAt,
    emailConfirmed: viewer.emailConfirmed,
  };
}
