/**
 * The words of every mail Hearth sends, as plain text and as simple accessible HTML
 * (one column, real text, underlined links, the language set). Pure: tested on their own.
 * Each mail ends with a one-click link to change which mails the person gets. This is the
 * server's catalogue of words for mail, as web/i18n/en.ts is the web app's.
 */
import { type AgreementChange, changeSubject } from '../../core/domain/agreement';
import type { StaffRole } from '../../core/domain/membership';
import type { MeetingWithGroup } from '../db/queries/meetings';
import { formatWhen } from './formatWhen';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailContext {
  /** The person's name on Hearth; null for someone who has no account yet. */
  displayName: string | null;
  /** Opens the person's email choices without signing in; null without an account. */
  preferencesUrl: string | null;
}

/** Why this person gets mail from Hearth at all: the footer says so in words that fit. */
type Audience = 'member' | 'applicant' | 'invited' | 'account';

const WHY: Record<Audience, string> = {
  member: 'You get this because you are in a group on Hearth.',
  applicant: 'You get this because you applied to join a group on Hearth.',
  invited:
    'You get this because someone on Hearth asked us to send it to this address. If it is not for you, ignore it: we will not write to you again unless you join.',
  account:
    'You get this because it is about your account on Hearth. Mail like this cannot be turned off: it keeps your account safe.',
};

interface Block {
  paragraphs: string[];
  link?: { label: string; url: string };
  /** Who the mail is for, when it is not a member of the group it is about. */
  audience?: Audience;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function compose(context: MailContext, subject: string, block: Block): MailContent {
  const greeting = context.displayName ? `Hello ${context.displayName},` : 'Hello,';
  const account = block.audience === 'account';
  const why =
    WHY[account ? 'account' : context.preferencesUrl ? (block.audience ?? 'member') : 'invited'];
  const footer =
    context.preferencesUrl && !account
      ? `${why} Choose which emails you get: ${context.preferencesUrl}`
      : why;
  const footerHtml =
    context.preferencesUrl && !account
      ? `${escapeHtml(why)} <a href="${escapeHtml(context.preferencesUrl)}" style="color:#8a3b12;text-decoration:underline">Choose which emails you get</a>.`
      : escapeHtml(why);
  const text = [
    greeting,
    ...block.paragraphs,
    block.link ? `${block.link.label}: ${block.link.url}` : null,
    '—',
    footer,
  ]
    .filter((line) => line !== null)
    .join('\n\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#faf7f2;color:#222;font:17px/1.5 system-ui,sans-serif">
<div style="max-width:560px;margin:0 auto">
<p>${escapeHtml(greeting)}</p>
${block.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${block.link ? `<p><a href="${escapeHtml(block.link.url)}" style="color:#8a3b12;text-decoration:underline">${escapeHtml(block.link.label)}</a></p>` : ''}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">
<p style="font-size:15px;color:#555">${footerHtml}</p>
</div></body></html>`;
  return { subject, text, html };
}

/** A staff role as mail names it. */
const STAFF_ROLE_NAMES: Record<StaffRole, string> = {
  facilitator: 'external facilitator',
  coordinator: 'coordinator',
  observer: 'observer',
};

export interface MeetingFacts {
  groupName: string;
  /** The meeting's time as the person reads it, e.g. "Tuesday 31 March, 7:00 pm (Europe/London)". */
  when: string;
  where: string;
  url: string;
}

/** A meeting as mail describes it: its group, when (in the group's zone), where, and a link. */
export function meetingFactsFor(publicUrl: string, meeting: MeetingWithGroup): MeetingFacts {
  const where =
    meeting.venue_kind === 'online'
      ? 'online (the link is on the meeting’s page from an hour before)'
      : [meeting.venue_name, meeting.venue_address].filter(Boolean).join(', ') +
        (meeting.venue_kind === 'both' ? ', or online' : '');
  return {
    groupName: meeting.group_name,
    when: formatWhen(meeting.starts_at, meeting.time_zone),
    where,
    url: `${publicUrl}/meetings/${meeting.id}`,
  };
}

/** A proposed change in a few words, for a mail's subject. */
export function changeTitle(change: AgreementChange): string {
  const { title, itemCount } = changeSubject(change);
  switch (change.kind) {
    case 'adopt':
      return `Adopt the agreement (${itemCount} ${itemCount === 1 ? 'item' : 'items'})`;
    case 'add':
      return `Add “${title}”`;
    case 'amend':
      return `Change “${title}”`;
    case 'remove':
      return title ? `Remove “${title}”` : 'Remove an item';
  }
}

export function reminderMail(
  context: MailContext,
  meeting: MeetingFacts,
  roles: string[],
): MailContent {
  return compose(context, `Reminder: ${meeting.groupName}, ${meeting.when}`, {
    paragraphs: [
      `${meeting.groupName} meets ${meeting.when}.`,
      `Where: ${meeting.where}.`,
      roles.length > 0 ? `Your roles this time: ${roles.join(', ')}.` : null,
      'If you can’t make it after all, you can say so on the meeting’s page. No need to explain.',
    ].filter((p): p is string => p !== null),
    link: { label: 'See the meeting', url: meeting.url },
  });
}

export function rolesMail(
  context: MailContext,
  meeting: MeetingFacts,
  roles: string[],
): MailContent {
  const first = roles[0]?.toLowerCase() ?? 'a role';
  return compose(
    context,
    roles.length === 1
      ? `You’re the ${first} for ${meeting.groupName}, ${meeting.when}`
      : `Your roles for ${meeting.groupName}, ${meeting.when}`,
    {
      paragraphs: [
        `At ${meeting.groupName}’s meeting ${meeting.when} your ${roles.length === 1 ? 'role is' : 'roles are'}: ${roles.join(', ')}.`,
        'If this doesn’t suit you, you can ask someone to swap on the meeting’s page.',
      ],
      link: { label: 'See the meeting', url: meeting.url },
    },
  );
}

export function meetingChangedMail(
  context: MailContext,
  meeting: MeetingFacts,
  note: string | null,
): MailContent {
  return compose(context, `Changed: ${meeting.groupName}, now ${meeting.when}`, {
    paragraphs: [
      `A meeting of ${meeting.groupName} has changed. It is now ${meeting.when}, at ${meeting.where}.`,
      note ? `The note with the change: “${note}”` : null,
    ].filter((p): p is string => p !== null),
    link: { label: 'See the meeting', url: meeting.url },
  });
}

export function meetingCancelledMail(
  context: MailContext,
  meeting: MeetingFacts,
  note: string,
): MailContent {
  return compose(context, `Cancelled: ${meeting.groupName}, ${meeting.when}`, {
    paragraphs: [
      `The meeting of ${meeting.groupName} ${meeting.when} will not happen.`,
      `The note with the cancellation: “${note}”`,
    ],
    link: { label: 'See the group’s meetings', url: meeting.url },
  });
}

export function invitationMail(
  context: MailContext,
  invite: {
    groupName: string;
    invitedBy: string;
    url: string;
    expires: string;
    role?: StaffRole;
  },
): MailContent {
  const as = invite.role ? ` as its ${STAFF_ROLE_NAMES[invite.role]}` : '';
  return compose(context, `${invite.invitedBy} invited you to ${invite.groupName}`, {
    paragraphs: [
      invite.role
        ? `${invite.invitedBy} invited you to work with ${invite.groupName} on Hearth${as}. You would not be a member of the group, and you would not see its members-only space.`
        : `${invite.invitedBy} invited you to join ${invite.groupName} on Hearth.`,
      `You will see what the group is about, and its comfort agreement, before you decide. The invitation works until ${invite.expires}.`,
    ],
    link: { label: 'Open the invitation', url: invite.url },
  });
}

export function applicationOutcomeMail(
  context: MailContext,
  outcome: { groupName: string; accepted: boolean; message: string | null; url: string },
): MailContent {
  return compose(
    context,
    outcome.accepted
      ? `Welcome to ${outcome.groupName}`
      : `About your application to ${outcome.groupName}`,
    {
      paragraphs: [
        outcome.accepted
          ? `Your application to ${outcome.groupName} was accepted. You are now a member.`
          : `${outcome.groupName} could not offer you a place this time.`,
        outcome.message ? `A message from the group: “${outcome.message}”` : null,
      ].filter((p): p is string => p !== null),
      link: {
        label: outcome.accepted ? 'Go to the group' : 'Find another group',
        url: outcome.url,
      },
      ...(outcome.accepted ? {} : { audience: 'applicant' as const }),
    },
  );
}

export function proposalMail(
  context: MailContext,
  proposal: { groupName: string; proposer: string; title: string; deadline: string; url: string },
): MailContent {
  return compose(context, `Your response is needed: ${proposal.title}`, {
    paragraphs: [
      `${proposal.proposer} proposed a change to ${proposal.groupName}’s comfort agreement: ${proposal.title}.`,
      `You can agree, stand aside, or object with a reason, until ${proposal.deadline}.`,
    ],
    link: { label: 'Read and respond', url: proposal.url },
  });
}

export function seatOfferMail(
  context: MailContext,
  offer: { groupName: string; until: string; url: string },
): MailContent {
  return compose(context, `A seat is free for you in ${offer.groupName}`, {
    paragraphs: [
      `A seat has come free in ${offer.groupName}, and it is yours if you want it.`,
      `We will hold it for you until ${offer.until}. If you would rather not join now, you can let it go, and it will be offered to the next person.`,
    ],
    link: { label: 'Claim your seat', url: offer.url },
  });
}

/**
 * What is new in a group's space while the person was away. The shared space's threads are
 * named; the members-only space is only counted: its words never leave Hearth.
 */
export function spaceDigestMail(
  context: MailContext,
  digest: {
    groupName: string;
    daily: boolean;
    shared: { title: string; posts: number }[];
    membersOnly: number;
    url: string;
  },
): MailContent {
  const posts = (n: number) => (n === 1 ? '1 new post' : `${n} new posts`);
  return compose(context, `New in ${digest.groupName}’s space`, {
    paragraphs: [
      `Here is what is new in ${digest.groupName}’s space since you last looked.`,
      ...digest.shared.map((s) => `${posts(s.posts)} in “${s.title}”.`),
      ...(digest.membersOnly > 0
        ? [`${posts(digest.membersOnly)} in the members-only space.`]
        : []),
      `You get this ${digest.daily ? 'once a day' : 'once a week'} at most, and only when you have not visited since.`,
    ],
    link: { label: 'Open the space', url: digest.url },
  });
}

// Account mail: always sent (it keeps the account safe), never about a group.

/** A link to choose a new password, for one hour. */
export function resetMail(context: MailContext, link: { url: string }): MailContent {
  return compose(context, 'Choose a new password for Hearth', {
    paragraphs: [
      'Someone, we hope you, asked to choose a new password for your account on Hearth.',
      'The link works once, for one hour. If you did not ask, you can ignore this mail: your password stays as it is.',
    ],
    link: { label: 'Choose a new password', url: link.url },
    audience: 'account',
  });
}

/** A link that shows the address is the person's: it finishes a sign-up, or confirms it. */
export function verifyMail(
  context: MailContext,
  link: { url: string; signingUp: boolean },
): MailContent {
  return compose(context, 'Confirm your email address', {
    paragraphs: [
      link.signingUp
        ? 'Confirm this address to finish creating your account on Hearth. The link signs you in.'
        : 'Confirm this address so Hearth can send you invitations and reminders. Until then, we send it nothing else.',
      'The link works once, for one hour. If you did not ask for this, ignore this mail and nothing happens.',
    ],
    link: { label: 'Confirm my email address', url: link.url },
    audience: 'account',
  });
}

/** Someone tried to sign up with an address that has an account: say so, offer a reset. */
export function signUpExistingMail(
  context: MailContext,
  links: { resetUrl: string; signInUrl: string },
): MailContent {
  return compose(context, 'You already have an account on Hearth', {
    paragraphs: [
      'Someone tried to create an account on Hearth with this address, which already has one.',
      `If it was you, you can sign in at ${links.signInUrl}. If you have forgotten your password, choose a new one with the link below; it works once, for one hour.`,
      'If it was not you, there is nothing to do: nobody can get in without your password, and we did not tell them the address has an account.',
    ],
    link: { label: 'Choose a new password', url: links.resetUrl },
    audience: 'account',
  });
}

/** A link sent to a new address, to move the account there. */
export function changeEmailMail(context: MailContext, link: { url: string }): MailContent {
  return compose(context, 'Confirm your new email address', {
    paragraphs: [
      'You asked to use this address for your account on Hearth. Confirm it, and we will write to you here from then on.',
      'The link works once, for one hour. If you did not ask, ignore this mail and nothing changes.',
    ],
    link: { label: 'Use this address', url: link.url },
    audience: 'account',
  });
}

/** Told to the old address when someone asks to move the account to a new one. */
export function emailChangeNoticeMail(
  context: MailContext,
  change: { newAddress: string; securityUrl: string },
): MailContent {
  return compose(context, 'Your Hearth email address is being changed', {
    paragraphs: [
      `Someone signed in to your account asked to use ${change.newAddress} instead of this address. It changes only when the link sent there is used, within an hour.`,
      'If this was you, there is nothing to do. If it was not, choose a new password now: it signs everyone else out and stops the change.',
    ],
    link: { label: 'Choose a new password', url: change.securityUrl },
    audience: 'account',
  });
}

/** Told after a password changes, by the person or by a reset link. */
export function passwordChangedMail(
  context: MailContext,
  change: { byReset: boolean; securityUrl: string },
): MailContent {
  return compose(context, 'Your Hearth password was changed', {
    paragraphs: [
      change.byReset
        ? 'The password for your account on Hearth was just changed with a reset link, and every other device was signed out.'
        : 'The password for your account on Hearth was just changed, and every other device was signed out.',
      'If this was you, there is nothing to do. If it was not, choose a new password now with the link below.',
    ],
    link: { label: 'Choose a new password', url: change.securityUrl },
    audience: 'account',
  });
}

/** Several failed sign-ins from places the person has not signed in from. */
export function failedSignInsMail(
  context: MailContext,
  facts: { attempts: number; securityUrl: string },
): MailContent {
  return compose(context, 'Failed attempts to sign in to your Hearth account', {
    paragraphs: [
      `There have been ${facts.attempts} failed attempts to sign in to your account from devices and networks you have not used before.`,
      'Your account is not locked: you can still sign in from your own devices. We are slowing down attempts from elsewhere. If you are worried, choose a new password.',
    ],
    link: { label: 'Choose a new password', url: facts.securityUrl },
    audience: 'account',
  });
}

/** Someone asked to move their account to an address that already has one. */
export function emailChangeTakenMail(context: MailContext): MailContent {
  return compose(context, 'Someone tried to use this address on Hearth', {
    paragraphs: [
      'Someone signed in to Hearth asked to use this address for their account. It already belongs to your account, so nothing changed.',
      'If it was you, with a second account, there is nothing to do. If not, you can ignore this mail.',
    ],
    audience: 'account',
  });
}

/** The account was closed; it is erased after the days given unless the person signs in. */
export function accountClosedMail(
  context: MailContext,
  facts: { days: number; until: string; signInUrl: string },
): MailContent {
  return compose(context, 'Your Hearth account is closed', {
    paragraphs: [
      `Your account on Hearth is closed: you are signed out everywhere and no longer in any group. On ${facts.until} we erase it: your name, your address, and what you wrote in groups (which then reads “removed by its author”).`,
      `Changed your mind? Sign in within ${facts.days} days and your account opens again. The groups you were in would need to invite you back.`,
    ],
    link: { label: 'Sign in to keep my account', url: facts.signInUrl },
    audience: 'account',
  });
}

/** A sign-in from a device and network the account had not used before. */
export function newSignInMail(
  context: MailContext,
  facts: { device: string; when: string; securityUrl: string },
): MailContent {
  return compose(context, 'A new sign-in to your Hearth account', {
    paragraphs: [
      `Someone signed in to your account from a device and network it had not used before: ${facts.device}, ${facts.when}.`,
      'If it was you, there is nothing to do. If not, choose a new password now: it signs everyone else out.',
    ],
    link: { label: 'Choose a new password', url: facts.securityUrl },
    audience: 'account',
  });
}
