/**
 * SQL for forming a group: tags, stage changes, purpose answers and versions, the group's
 * own decisions (purpose and review), applications and the waitlist.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Stage } from '../../../core/domain/lifecycle';
import type {
  ApplicationStatus,
  ApplicationsTable,
  Database,
  DecisionKind,
  DecisionStatus,
  GroupDecisionResponsesTable,
  GroupDecisionsTable,
  GroupStageChangesTable,
  GroupsTable,
  WaitlistTable,
} from '../tables';

// ---- Tags ----------------------------------------------------------------------------------

export async function replaceTags(
  db: Kysely<Database>,
  groupId: string,
  tags: readonly string[],
): Promise<void> {
  await db.deleteFrom('group_tags').where('group_id', '=', groupId).execute();
  const unique = [...new Set(tags)];
  if (unique.length > 0) {
    await db
      .insertInto('group_tags')
      .values(unique.map((tag) => ({ group_id: groupId, tag })))
      .execute();
  }
}

/** Tags of several groups at once, for a page of the directory. */
export async function listTagsOf(
  db: Kysely<Database>,
  groupIds: readonly string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (groupIds.length === 0) return map;
  const rows = await db
    .selectFrom('group_tags')
    .select(['group_id', 'tag'])
    .where('group_id', 'in', groupIds)
    .orderBy('tag')
    .execute();
  for (const row of rows) map.set(row.group_id, [...(map.get(row.group_id) ?? []), row.tag]);
  return map;
}

// ---- Stage -----------------------------------------------------------------------------------

export async function insertStageChange(
  db: Kysely<Database>,
  row: GroupStageChangesTable,
): Promise<void> {
  await db.insertInto('group_stage_changes').values(row).execute();
}

export async function listStageChanges(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('group_stage_changes')
    .leftJoin('users', 'users.id', 'group_stage_changes.actor_id')
    .select([
      'group_stage_changes.from_stage',
      'group_stage_changes.to_stage',
      'group_stage_changes.at',
      'group_stage_changes.note',
      'users.display_name as actor_name',
    ])
    .where('group_stage_changes.group_id', '=', groupId)
    .orderBy('group_stage_changes.at')
    .orderBy('group_stage_changes.id')
    .execute();
}

/** Meetings that have started and were not cancelled, as of `now`. */
export async function countMeetingsHeld(
  db: Kysely<Database>,
  groupId: string,
  now: string,
): Promise<number> {
  const row = await db
    .selectFrom('meetings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', groupId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Groups with a meeting that started in (after, upTo]: their stage may need to move on. */
export async function listGroupsWithMeetingsStarted(
  db: Kysely<Database>,
  after: string,
  upTo: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('meetings')
    .select('group_id')
    .distinct()
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', after)
    .where('starts_at', '<=', upTo)
    .execute();
  return rows.map((r) => r.group_id);
}

/** The latest schedule's rule, for describing how often the group meets. */
export async function findLatestSeries(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('meeting_series')
    .select(['rrule', 'planned_count'])
    .where('group_id', '=', groupId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function listUpcomingStarts(
  db: Kysely<Database>,
  groupId: string,
  now: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('meetings')
    .select('starts_at')
    .where('group_id', '=', groupId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.starts_at);
}

// ---- Purpose -------------------------------------------------------------------------------

export async function upsertPurposeAnswer(
  db: Kysely<Database>,
  row: { group_id: string; user_id: string; answer: string; answered_at: string },
): Promise<void> {
  await db
    .insertInto('purpose_answers')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['group_id', 'user_id'])
        .doUpdateSet({ answer: row.answer, answered_at: row.answered_at }),
    )
    .execute();
}

/** Answers from current members only, oldest first. */
export async function listPurposeAnswers(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('purpose_answers')
    .innerJoin('memberships', (join) =>
      join
        .onRef('memberships.group_id', '=', 'purpose_answers.group_id')
        .onRef('memberships.user_id', '=', 'purpose_answers.user_id'),
    )
    .innerJoin('users', 'users.id', 'purpose_answers.user_id')
    .select([
      'purpose_answers.user_id',
      'purpose_answers.answer',
      'purpose_answers.answered_at',
      'users.display_name',
    ])
    .where('purpose_answers.group_id', '=', groupId)
    .orderBy('purpose_answers.answered_at')
    .execute();
}

export async function clearPurposeAnswers(db: Kysely<Database>, groupId: string): Promise<void> {
  await db.deleteFrom('purpose_answers').where('group_id', '=', groupId).execute();
}

export async function listPurposeVersions(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('purpose_versions')
    .select(['version', 'purpose', 'adopted_at'])
    .where('group_id', '=', groupId)
    .orderBy('version', 'desc')
    .execute();
}

export async function insertPurposeVersion(
  db: Kysely<Database>,
  row: { group_id: string; purpose: string; adopted_at: string; decision_id: string | null },
): Promise<number> {
  const last = await db
    .selectFrom('purpose_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('group_id', '=', row.group_id)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db
    .insertInto('purpose_versions')
    .values({ ...row, version })
    .execute();
  return version;
}

// ---- Decisions -----------------------------------------------------------------------------

export type DecisionRow = Selectable<GroupDecisionsTable>;

export async function insertDecision(db: Kysely<Database>, row: DecisionRow): Promise<void> {
  await db.insertInto('group_decisions').values(row).execute();
}

export async function findDecision(
  db: Kysely<Database>,
  id: string,
): Promise<DecisionRow | undefined> {
  return db.selectFrom('group_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDecisions(
  db: Kysely<Database>,
  groupId: string,
  kind: DecisionKind,
): Promise<DecisionRow[]> {
  return db
    .selectFrom('group_decisions')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function closeDecision(
  db: Kysely<Database>,
  id: string,
  status: Exclude<DecisionStatus, 'open'>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('group_decisions')
    .set({ status, closed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listDueDecisions(db: Kysely<Database>, now: string) {
  return db
    .selectFrom('group_decisions')
    .select(['id', 'group_id'])
    .where('status', '=', 'open')
    .where('deadline_at', '<=', now)
    .execute();
}

export async function listOpenDecisionsOfGroup(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('group_decisions')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('status', '=', 'open')
    .execute();
}

export async function upsertDecisionResponse(
  db: Kysely<Database>,
  row: GroupDecisionResponsesTable,
): Promise<void> {
  await db
    .insertInto('group_decision_responses')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['decision_id', 'user_id']).doUpdateSet({
        response: row.response,
        note: row.note,
        responded_at: row.responded_at,
      }),
    )
    .execute();
}

export async function listDecisionResponses(db: Kysely<Database>, decisionIds: readonly string[]) {
  if (decisionIds.length === 0) return [];
  return db
    .selectFrom('group_decision_responses')
    .innerJoin('users', 'users.id', 'group_decision_responses.user_id')
    .select([
      'group_decision_responses.decision_id',
      'group_decision_responses.user_id',
      'group_decision_responses.response',
      'group_decision_responses.note',
      'group_decision_responses.responded_at',
      'users.display_name',
    ])
    .where('group_decision_responses.decision_id', 'in', decisionIds)
    .orderBy('group_decision_responses.responded_at')
    .execute();
}

// ---- Applications --------------------------------------------------------------------------

export type ApplicationRow = Selectable<ApplicationsTable>;

export async function insertApplication(db: Kysely<Database>, row: ApplicationRow): Promise<void> {
  await db.insertInto('applications').values(row).execute();
}

/** Applications with their group's name, the shape every application view starts from. */
function withGroupName(db: Kysely<Database>) {
  return db
    .selectFrom('applications')
    .innerJoin('groups', 'groups.id', 'applications.group_id')
    .selectAll('applications')
    .select('groups.name as group_name');
}

export async function findApplication(db: Kysely<Database>, id: string) {
  return withGroupName(db).where('applications.id', '=', id).executeTakeFirst();
}

/** The person's application to the group that is still in play (pending or waitlisted). */
export async function findLiveApplication(db: Kysely<Database>, groupId: string, userId: string) {
  return withGroupName(db)
    .where('applications.group_id', '=', groupId)
    .where('applications.user_id', '=', userId)
    .where('applications.status', 'in', ['pending', 'waitlisted'])
    .executeTakeFirst();
}

/** The person's latest application to the group, whatever became of it. */
export async function findLatestApplication(db: Kysely<Database>, groupId: string, userId: string) {
  return withGroupName(db)
    .where('applications.group_id', '=', groupId)
    .where('applications.user_id', '=', userId)
    .orderBy('applications.created_at', 'desc')
    .orderBy('applications.id', 'desc')
    .executeTakeFirst();
}

export async function listApplicationsOfUser(db: Kysely<Database>, userId: string) {
  return withGroupName(db)
    .where('applications.user_id', '=', userId)
    .orderBy('applications.created_at', 'desc')
    .limit(100)
    .execute();
}

/** Applications waiting for a steward (pending first, then waitlisted), oldest first. */
export async function listApplicationsToReview(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom('applications')
    .innerJoin('users', 'users.id', 'applications.user_id')
    .innerJoin('groups', 'groups.id', 'applications.group_id')
    .selectAll('applications')
    .select(['users.display_name', 'groups.name as group_name'])
    .where('applications.group_id', '=', groupId)
    .where('applications.status', 'in', ['pending', 'waitlisted'])
    .orderBy('applications.status')
    .orderBy('applications.created_at')
    .limit(200)
    .execute();
}

/** The answers current members gave when they applied (for the group's mix). */
export async function listMemberAnswers(
  db: Kysely<Database>,
  groupId: string,
): Promise<{ user_id: string; answers: string | null }[]> {
  return db
    .selectFrom('memberships')
    .leftJoin('applications', (join) =>
      join
        .onRef('applications.group_id', '=', 'memberships.group_id')
        .onRef('applications.user_id', '=', 'memberships.user_id')
        .on('applications.status', '=', 'accepted'),
    )
    .select(['memberships.user_id', 'applications.answers'])
    .where('memberships.group_id', '=', groupId)
    .execute();
}

export async function setApplicationStatus(
  db: Kysely<Database>,
  id: string,
  change: {
    status: ApplicationStatus;
    message?: string | null;
    decided_at: string;
    decided_by: string | null;
  },
): Promise<void> {
  await db.updateTable('applications').set(change).where('id', '=', id).execute();
}

// ---- Waitlist ------------------------------------------------------------------------------

export type WaitlistRow = Selectable<WaitlistTable>;

export async function insertWaitlist(db: Kysely<Database>, row: WaitlistRow): Promise<void> {
  await db.insertInto('waitlist').values(row).execute();
}

export async function findWaitlistEntry(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
): Promise<WaitlistRow | undefined> {
  return db
    .selectFrom('waitlist')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function deleteWaitlistEntry(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('waitlist')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The queue, first come first served. */
export async function listWaitlist(db: Kysely<Database>, groupId: string): Promise<WaitlistRow[]> {
  return db
    .selectFrom('waitlist')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('joined_at')
    .orderBy('user_id')
    .execute();
}

export async function setOffer(
  db: Kysely<Database>,
  groupId: string,
  userId: string,
  offer: { offered_at: string | null; offer_expires_at: string | null },
): Promise<void> {
  await db
    .updateTable('waitlist')
    .set(offer)
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}

/** Groups with an offer that has run out. */
export async function listGroupsWithLapsedOffers(
  db: Kysely<Database>,
  now: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('waitlist')
    .select('group_id')
    .distinct()
    .where('offer_expires_at', '<=', now)
    .execute();
  return rows.map((r) => r.group_id);
}

/** Seats held by offers not yet claimed (they count against the cap). */
export async function countOpenOffers(
  db: Kysely<Database>,
  groupId: string,
  now: string,
): Promise<number> {
  const row = await db
    .selectFrom('waitlist')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('group_id', '=', groupId)
    .where('offer_expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- Group changes ----------------------------------------------------------------------------

export async function setStage(
  db: Kysely<Database>,
  groupId: string,
  stage: Stage,
  at: string,
): Promise<void> {
  await db
    .updateTable('groups')
    .set({ stage, stage_changed_at: at })
    .where('id', '=', groupId)
    .execute();
}

export async function setAdoptedPurpose(
  db: Kysely<Database>,
  groupId: string,
  purpose: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('groups')
    .set({ purpose, purpose_asked_at: null, updated_at: at })
    .where('id', '=', groupId)
    .execute();
}

export async function setPlan(
  db: Kysely<Database>,
  groupId: string,
  plan: { planned_meetings: number | null; review_at: number | null },
): Promise<void> {
  await db.updateTable('groups').set(plan).where('id', '=', groupId).execute();
}

/** When an adjourned group stops taking people: the waitlist empties, applications close. */
export async function closeJoining(
  db: Kysely<Database>,
  groupId: string,
  at: string,
  message: string,
): Promise<void> {
  await db.deleteFrom('waitlist').where('group_id', '=', groupId).execute();
  await db
    .updateTable('applications')
    .set({ status: 'declined', message, decided_at: at })
    .where('group_id', '=', groupId)
    .where('status', 'in', ['pending', 'waitlisted'])
    .execute();
}

export async function setPurposeAsked(
  db: Kysely<Database>,
  groupId: string,
  at: string | null,
): Promise<void> {
  await db.updateTable('groups').set({ purpose_asked_at: at }).where('id', '=', groupId).execute();
}

/** The steward's changes to a group's profile, joining and plan. */
export async function updateGroupProfile(
  db: Kysely<Database>,
  groupId: string,
  patch: Partial<
    Pick<
      GroupsTable,
      | 'name'
      | 'description'
      | 'visibility'
      | 'size_cap'
      | 'format'
      | 'area'
      | 'language'
      | 'joining_criteria'
      | 'questionnaire'
      | 'planned_meetings'
      | 'review_at'
      | 'session_agenda'
      | 'updated_at'
    >
  >,
): Promise<void> {
  await db.updateTable('groups').set(patch).where('id', '=', groupId).execute();
}

// ---- A member's own contributions, for export -----------------------------------------------

export async function listMyContributions(db: Kysely<Database>, groupId: string, userId: string) {
  const purposeAnswers = await db
    .selectFrom('purpose_answers')
    .select(['answer', 'answered_at'])
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
  const decisionResponses = await db
    .selectFrom('group_decision_responses as r')
    .innerJoin('group_decisions as d', 'd.id', 'r.decision_id')
    .select(['d.kind', 'd.proposal', 'r.response', 'r.note', 'r.responded_at'])
    .where('d.group_id', '=', groupId)
    .where('r.user_id', '=', userId)
    .orderBy('r.responded_at')
    .execute();
  const proposals = await db
    .selectFrom('agreement_proposals')
    .select(['kind', 'change', 'reason', 'status', 'created_at'])
    .where('group_id', '=', groupId)
    .where('proposer_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const agreementResponses = await db
    .selectFrom('agreement_responses as r')
    .innerJoin('agreement_proposals as p', 'p.id', 'r.proposal_id')
    .select(['p.kind', 'p.reason', 'r.round', 'r.response', 'r.note', 'r.responded_at'])
    .where('p.group_id', '=', groupId)
    .where('r.user_id', '=', userId)
    .orderBy('r.responded_at')
    .execute();
  const rsvps = await db
    .selectFrom('rsvps as r')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .select(['m.starts_at', 'r.response', 'r.note', 'r.updated_at'])
    .where('m.group_id', '=', groupId)
    .where('r.user_id', '=', userId)
    .orderBy('m.starts_at')
    .execute();
  const attendance = await db
    .selectFrom('attendance as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['m.starts_at', 'a.status', 'a.arrived_at'])
    .where('m.group_id', '=', groupId)
    .where('a.user_id', '=', userId)
    .orderBy('m.starts_at')
    .execute();
  return { purposeAnswers, decisionResponses, proposals, agreementResponses, rsvps, attendance };
}

/** The waitlists a person is on, with their place in each queue. */
export async function listWaitlistsOfUser(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom('waitlist as mine')
    .innerJoin('groups', 'groups.id', 'mine.group_id')
    .select((eb) => [
      'mine.group_id',
      'groups.name as group_name',
      'mine.offer_expires_at',
      eb
        .selectFrom('waitlist as ahead')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('ahead.group_id', '=', 'mine.group_id')
        .where((inner) =>
          inner.or([
            inner('ahead.joined_at', '<', inner.ref('mine.joined_at')),
            inner.and([
              inner('ahead.joined_at', '=', inner.ref('mine.joined_at')),
              inner('ahead.user_id', '<', inner.ref('mine.user_id')),
            ]),
          ]),
        )
        .as('ahead'),
    ])
    .where('mine.user_id', '=', userId)
    .orderBy('mine.joined_at')
    .execute();
  return rows.map((r) => ({ ...r, ahead: Number(r.ahead) }));
}
