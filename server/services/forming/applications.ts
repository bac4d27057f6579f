/**
 * Applications to closed groups: the applicant answers the group's questions and can see and
 * withdraw their application; stewards review them with the group's mix beside each one and
 * accept, decline (with an optional kind message) or put them on the waitlist.
 */
import type { Kysely } from 'kysely';
import { seatsLeft } from '../../../core/domain/groupSize';
import {
  type Answers,
  checkAnswers,
  cleanAnswers,
  mixTable,
  type Question,
} from '../../../core/domain/joining';
import { AppError } from '../../../core/errors';
import type {
  ApplicationsForReview,
  ApplicationView,
  MyWaiting,
} from '../../../core/protocol/forming';
import {
  type ApplicationRow,
  deleteWaitlistEntry,
  findApplication,
  findLiveApplication,
  findWaitlistEntry,
  insertApplication,
  insertWaitlist,
  listApplicationsOfUser,
  listApplicationsToReview,
  listMemberAnswers,
  listWaitlistsOfUser,
  setApplicationStatus,
} from '../../db/queries/forming';
import type { GroupRow } from '../../db/queries/groups';
import { listContacts } from '../../db/queries/users';
import type { Database } from '../../db/tables';
import { applicationOutcomeMail } from '../../mail/messages';
import { newId } from '../../security/tokens';
import { admitMember } from '../admitMember';
import type { Deps, Viewer } from '../deps';
import { authorize, findVisibleGroup } from '../findVisibleGroup';
import { queueMail } from '../mail/queueMail';
import { recordAudit } from '../recordAudit';
import { lockOpenGroup } from './lockOpenGroup';
import { membersOf, notify } from './notify';
import { offerFreedSeats } from './waitlist';

/** The group's joining questions (closed groups), as the steward last saved them. */
export function questionsOf(group: Pick<GroupRow, 'questionnaire'>): Question[] {
  return group.questionnaire ? (JSON.parse(group.questionnaire) as Question[]) : [];
}

const parseAnswers = (json: string | null): Answers => (json ? (JSON.parse(json) as Answers) : {});

export function toApplicationView(row: ApplicationRow & { group_name: string }): ApplicationView {
  return {
    id: row.id,
    groupId: row.group_id,
    groupName: row.group_name,
    status: row.status,
    answers: parseAnswers(row.answers),
    message: row.message,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

/** Applies to a closed group, answering its questions. */
export async function applyToGroup(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
  input: { answers: Record<string, string> },
): Promise<ApplicationView> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  if (visible.role === 'member' || visible.role === 'steward') {
    throw new AppError('group.already_member', 'You are already a member of this group.');
  }
  authorize(
    visible,
    'apply',
    visible.group.visibility === 'open'
      ? 'This group is open: you can join it straight away.'
      : 'This group takes new members by invitation from its stewards.',
  );
  const questions = questionsOf(visible.group);
  const problems = checkAnswers(questions, input.answers);
  if (Object.keys(problems).length > 0) {
    throw new AppError('request.invalid', 'Some answers need another look.', {
      fields: Object.fromEntries(
        Object.entries(problems).map(([id, message]) => [`answers.${id}`, message]),
      ),
    });
  }
  const at = deps.now().toISOString();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    if (await findLiveApplication(trx, groupId, viewer.userId)) {
      throw new AppError(
        'application.exists',
        'You have already applied to this group. You can see your application on the group’s page.',
      );
    }
    await insertApplication(trx, {
      id,
      group_id: groupId,
      user_id: viewer.userId,
      answers: JSON.stringify(cleanAnswers(questions, input.answers)),
      status: 'pending',
      message: null,
      created_at: at,
      decided_at: null,
      decided_by: null,
    });
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: 'application.made',
      subjectId: id,
    });
    const { stewards } = await membersOf(trx, groupId);
    await notify(trx, stewards, { groupId, kind: 'application.new', subjectId: id, at });
  });
  return mine(deps, viewer, id);
}

async function mine(deps: Deps, viewer: Viewer, applicationId: string): Promise<ApplicationView> {
  const row = await findApplication(deps.db, applicationId);
  if (!row || row.user_id !== viewer.userId) {
    throw new AppError('not_found', 'We could not find that application.');
  }
  return toApplicationView(row);
}

export async function listMyApplications(deps: Deps, viewer: Viewer) {
  return (await listApplicationsOfUser(deps.db, viewer.userId)).map(toApplicationView);
}

/** Where the viewer is waiting: applications still in play, and their waitlist places. */
export async function listMyWaiting(deps: Deps, viewer: Viewer): Promise<MyWaiting> {
  const now = deps.now().toISOString();
  const applications = await listMyApplications(deps, viewer);
  const waitlists = await listWaitlistsOfUser(deps.db, viewer.userId);
  return {
    applications: applications.filter((a) => a.status === 'pending'),
    waitlists: waitlists.map((w) => ({
      groupId: w.group_id,
      groupName: w.group_name,
      position: w.ahead + 1,
      offerExpiresAt: w.offer_expires_at && w.offer_expires_at > now ? w.offer_expires_at : null,
    })),
  };
}

/** The applicant withdraws an application that is still pending or waitlisted. */
export async function withdrawApplication(
  deps: Deps,
  viewer: Viewer,
  applicationId: string,
): Promise<ApplicationView> {
  const row = await findApplication(deps.db, applicationId);
  if (!row || row.user_id !== viewer.userId) {
    throw new AppError('not_found', 'We could not find that application.');
  }
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, row.group_id, at);
    const live = await findLiveApplication(trx, row.group_id, viewer.userId);
    if (live?.id !== applicationId) {
      throw new AppError('application.closed', 'This application has already been decided.');
    }
    await setApplicationStatus(trx, applicationId, {
      status: 'withdrawn',
      decided_at: at,
      decided_by: viewer.userId,
    });
    if (await deleteWaitlistEntry(trx, row.group_id, viewer.userId)) {
      await offerFreedSeats(deps, trx, row.group_id, now);
    }
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId: row.group_id,
      action: 'application.withdrawn',
      subjectId: applicationId,
    });
  });
  deps.cache.forgetGroup(row.group_id);
  return mine(deps, viewer, applicationId);
}

async function memberAnswers(db: Kysely<Database>, groupId: string): Promise<Answers[]> {
  return (await listMemberAnswers(db, groupId)).map((m) => parseAnswers(m.answers));
}

/** For stewards: applications waiting, each with the group's mix and how it would change. */
export async function listApplicationsForReview(
  deps: Deps,
  viewer: Viewer,
  groupId: string,
): Promise<ApplicationsForReview> {
  const visible = await findVisibleGroup(deps.db, groupId, viewer.userId);
  authorize(visible, 'reviewApplications', 'Only the group’s stewards can review applications.');
  const questions = questionsOf(visible.group);
  const members = await memberAnswers(deps.db, groupId);
  const rows = await listApplicationsToReview(deps.db, groupId);
  return {
    questions,
    seatsLeft: seatsLeft(visible.group.size_cap, visible.group.member_count),
    mix: mixTable(questions, members, {}),
    items: rows.map((row) => ({
      ...toApplicationView(row),
      applicant: { userId: row.user_id, displayName: row.display_name },
      mix: mixTable(questions, members, parseAnswers(row.answers)),
    })),
  };
}

/** A steward accepts, declines (with an optional kind message) or waitlists an application. */
export async function decideApplication(
  deps: Deps,
  viewer: Viewer,
  applicationId: string,
  input: { outcome: 'accept' | 'decline' | 'waitlist'; message: string | null },
): Promise<ApplicationView> {
  const row = await findApplication(deps.db, applicationId);
  if (!row) throw new AppError('not_found', 'We could not find that application.');
  const visible = await findVisibleGroup(deps.db, row.group_id, viewer.userId);
  authorize(visible, 'reviewApplications', 'Only the group’s stewards can decide applications.');
  const now = deps.now();
  const at = now.toISOString();
  const groupId = row.group_id;
  await deps.db.transaction().execute(async (trx) => {
    await lockOpenGroup(trx, groupId, at);
    const live = await findLiveApplication(trx, groupId, row.user_id);
    if (live?.id !== applicationId) {
      throw new AppError(
        'application.closed',
        'This application has already been decided or withdrawn.',
      );
    }
    if (input.outcome === 'accept') {
      await admitMember(trx, { groupId, userId: row.user_id, at }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'group.full') {
          throw new AppError(
            'group.full',
            'The group is full. You can put this application on the waitlist instead, or raise the group’s size.',
          );
        }
        throw error;
      });
    } else if (input.outcome === 'waitlist') {
      if (!(await findWaitlistEntry(trx, groupId, row.user_id))) {
        await insertWaitlist(trx, {
          group_id: groupId,
          user_id: row.user_id,
          joined_at: at,
          application_id: applicationId,
          offered_at: null,
          offer_expires_at: null,
        });
      }
    }
    const status =
      input.outcome === 'accept'
        ? 'accepted'
        : input.outcome === 'decline'
          ? 'declined'
          : 'waitlisted';
    await setApplicationStatus(trx, applicationId, {
      status,
      message: input.message,
      decided_at: at,
      decided_by: viewer.userId,
    });
    await recordAudit(trx, {
      at,
      actorId: viewer.userId,
      groupId,
      action: `application.${status}`,
      subjectId: applicationId,
    });
    await notify(trx, [row.user_id], {
      groupId,
      kind: 'application.outcome',
      subjectId: applicationId,
      at,
    });
    if (input.outcome === 'waitlist') {
      await offerFreedSeats(deps, trx, groupId, now);
      return;
    }
    const accepted = input.outcome === 'accept';
    await queueMail(trx, {
      publicUrl: deps.config.publicUrl,
      to: await listContacts(trx, [row.user_id]),
      kind: 'application.outcome',
      at,
      write: (context) =>
        applicationOutcomeMail(context, {
          groupName: row.group_name,
          accepted,
          message: input.message,
          url: accepted
            ? `${deps.config.publicUrl}/groups/${groupId}`
            : `${deps.config.publicUrl}/groups`,
        }),
    });
  });
  deps.cache.forgetGroup(groupId);
  const after = await findApplication(deps.db, applicationId);
  return toApplicationView(after ?? row);
}
