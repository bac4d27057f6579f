/**
 * SQL for "everything Hearth holds about me": each table as pages of the person's own rows,
 * with the group's name beside them. Only what the person wrote or what is about them;
 * other people's words (a proposal they answered, a steward's note) are left out.
 */
import { type Kysely, sql } from 'kysely';
import { likePattern } from '../dialect';
import type { Database } from '../tables';
import { roomStateOf } from './liveRooms';

export type Page = { offset: number; limit: number };
export type PersonalRows = (
  db: Kysely<Database>,
  userId: string,
  page: Page,
) => Promise<Record<string, unknown>[]>;

/** Each downloadable table: its file name, columns, and how to read a page of it. */
export interface PersonalTable {
  file: string;
  about: string;
  columns: readonly string[];
  rows: PersonalRows;
}

const groupName = sql<string>`(select name from groups where groups.id = group_id)`;

export const PERSONAL_TABLES: readonly PersonalTable[] = [
  {
    file: 'sessions.csv',
    about: 'Where you are signed in now.',
    columns: ['device', 'created_at', 'last_seen_at', 'expires_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('sessions')
        .select(['device', 'created_at', 'last_seen_at', 'expires_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'memberships.csv',
    about: 'The groups you are in, your role and when you joined.',
    columns: ['group', 'role', 'joined_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('memberships')
        .select([groupName.as('group'), 'role', 'joined_at'])
        .where('user_id', '=', userId)
        .orderBy('joined_at')
        .orderBy('group_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'applications.csv',
    about: 'Your applications to closed groups, with your answers.',
    columns: ['group', 'status', 'answers', 'created_at', 'decided_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('applications')
        .select([groupName.as('group'), 'status', 'answers', 'created_at', 'decided_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'waitlists.csv',
    about: 'Waitlists you are on.',
    columns: ['group', 'joined_at', 'offered_at', 'offer_expires_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('waitlist')
        .select([groupName.as('group'), 'joined_at', 'offered_at', 'offer_expires_at'])
        .where('user_id', '=', userId)
        .orderBy('joined_at')
        .orderBy('group_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'agreement-proposals.csv',
    about: 'Changes to a comfort agreement you proposed, and your reasons.',
    columns: ['group', 'kind', 'change', 'reason', 'status', 'created_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('agreement_proposals')
        .select([groupName.as('group'), 'kind', 'change', 'reason', 'status', 'created_at'])
        .where('proposer_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'agreement-responses.csv',
    about: 'Your responses to proposed changes, with your notes.',
    columns: ['group', 'round', 'response', 'note', 'responded_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('agreement_responses as r')
        .innerJoin('agreement_proposals as a', 'a.id', 'r.proposal_id')
        .select([
          sql<string>`(select name from groups where groups.id = a.group_id)`.as('group'),
          'r.round',
          'r.response',
          'r.note',
          'r.responded_at',
        ])
        .where('r.user_id', '=', userId)
        .orderBy('r.responded_at')
        .orderBy('r.proposal_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'agreement-acknowledgements.csv',
    about: 'The versions of each agreement you accepted.',
    columns: ['group', 'version_number', 'acknowledged_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('agreement_acknowledgements')
        .selectAll()
        .select(groupName.as('group'))
        .where('user_id', '=', userId)
        .orderBy('group_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'purpose-answers.csv',
    about: 'What you said a group is for.',
    columns: ['group', 'answer', 'answered_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('purpose_answers')
        .select([groupName.as('group'), 'answer', 'answered_at'])
        .where('user_id', '=', userId)
        .orderBy('answered_at')
        .orderBy('group_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'decision-responses.csv',
    about: 'Your responses to a group’s decisions (its purpose, its review), with your notes.',
    columns: ['group', 'decision', 'response', 'note', 'responded_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('group_decision_responses as r')
        .innerJoin('group_decisions as d', 'd.id', 'r.decision_id')
        .select([
          sql<string>`(select name from groups where groups.id = d.group_id)`.as('group'),
          'd.kind as decision',
          'r.response',
          'r.note',
          'r.responded_at',
        ])
        .where('r.user_id', '=', userId)
        .orderBy('r.responded_at')
        .orderBy('r.decision_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'rsvps.csv',
    about: 'Whether you said you would come to each meeting, with your notes.',
    columns: ['group', 'meeting_starts_at', 'response', 'note', 'updated_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('rsvps as r')
        .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
        .select([
          sql<string>`(select name from groups where groups.id = m.group_id)`.as('group'),
          'm.starts_at as meeting_starts_at',
          'r.response',
          'r.note',
          'r.updated_at',
        ])
        .where('r.user_id', '=', userId)
        .orderBy('m.starts_at')
        .orderBy('r.meeting_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'attendance.csv',
    about: 'Which meetings you came to, as recorded.',
    columns: ['group', 'meeting_starts_at', 'status', 'arrived_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('attendance as a')
        .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
        .select([
          sql<string>`(select name from groups where groups.id = m.group_id)`.as('group'),
          'm.starts_at as meeting_starts_at',
          'a.status',
          'a.arrived_at',
        ])
        .where('a.user_id', '=', userId)
        .orderBy('m.starts_at')
        .orderBy('a.meeting_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'reflections.csv',
    about: 'Your check-out reflections on sessions, and whether you shared each with the group.',
    columns: ['group', 'meeting_starts_at', 'words', 'rating', 'shared', 'updated_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('session_reflections as r')
        .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
        .select([
          sql<string>`(select name from groups where groups.id = m.group_id)`.as('group'),
          'm.starts_at as meeting_starts_at',
          'r.words',
          'r.rating',
          sql<string>`case when r.shared = 1 then 'yes' else 'no' end`.as('shared'),
          'r.updated_at',
        ])
        .where('r.user_id', '=', userId)
        .orderBy('m.starts_at')
        .orderBy('r.meeting_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'recordings.csv',
    about:
      'Your tracks of recorded calls: when each recording started, how much of it arrived, and whether you erased it. Members download the sound from the meeting’s page.',
    columns: ['group', 'meeting_starts_at', 'recording_started_at', 'slices', 'bytes', 'erased_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('recording_tracks as t')
        .innerJoin('meetings as m', 'm.id', 't.meeting_id')
        .select([
          sql<string>`(select name from groups where groups.id = m.group_id)`.as('group'),
          'm.starts_at as meeting_starts_at',
          't.started_at as recording_started_at',
          't.slices',
          't.bytes',
          't.erased_at',
        ])
        .where('t.user_id', '=', userId)
        .orderBy('t.started_at')
        .orderBy('t.recording_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'observer-notes.csv',
    about: 'Notes you took as a session’s observer (people you named are by their id).',
    columns: ['group', 'meeting_starts_at', 'code', 'text', 'people', 'starts_at', 'ends_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('observer_notes as n')
        .innerJoin('meetings as m', 'm.id', 'n.meeting_id')
        .select([
          sql<string>`(select name from groups where groups.id = m.group_id)`.as('group'),
          'm.starts_at as meeting_starts_at',
          'n.code',
          'n.text',
          'n.people',
          'n.starts_at',
          'n.ends_at',
        ])
        .where('n.author_id', '=', userId)
        .orderBy('n.starts_at')
        .orderBy('n.id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'roles.csv',
    about: 'The roles you held or hold at meetings.',
    columns: ['group', 'meeting_starts_at', 'role'],
    rows: (db, userId, p) =>
      db
        .selectFrom('meeting_roles as r')
        .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
        .innerJoin('group_roles as g', 'g.id', 'r.role_id')
        .select([
          sql<string>`(select name from groups where groups.id = m.group_id)`.as('group'),
          'm.starts_at as meeting_starts_at',
          'g.name as role',
        ])
        .where('r.user_id', '=', userId)
        .orderBy('m.starts_at')
        .orderBy('r.role_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'live-sessions.csv',
    about: 'The live sessions you were in: how long you spoke in turns, and whether you passed.',
    columns: ['group', 'meeting_starts_at', 'seconds_spoken', 'passed_last_round'],
    rows: async (db, userId, p) => {
      const rooms = await db
        .selectFrom('live_rooms as r')
        .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
        .select([
          sql<string>`(select name from groups where groups.id = r.group_id)`.as('group'),
          'm.starts_at',
          'r.meeting_id',
          'r.version',
          'r.state',
        ])
        .where(sql<boolean>`r.state like ${likePattern(userId)} escape '\\'`)
        .orderBy('m.starts_at')
        .orderBy('r.meeting_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute();
      return Promise.all(
        rooms.map(async (room) => {
          const state = await roomStateOf(db, room);
          return {
            group: room.group,
            meeting_starts_at: room.starts_at,
            seconds_spoken: Math.round((state.spokenMs[userId] ?? 0) / 1000),
            passed_last_round: state.passed.includes(userId) ? 'yes' : 'no',
          };
        }),
      );
    },
  },
  {
    file: 'live-actions.csv',
    about: 'What you did in live sessions (took a turn, raised a hand…), as the room recorded it.',
    columns: ['meeting_id', 'at', 'command'],
    rows: (db, userId, p) =>
      db
        .selectFrom('live_events')
        .select(['meeting_id', 'at', 'command'])
        .where('actor_id', '=', userId)
        .orderBy('at')
        .orderBy('version')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'space-posts.csv',
    about:
      'What you wrote in your groups’ spaces: threads you started (with their titles) and replies. A deleted post is listed without its words.',
    columns: ['group', 'space', 'what', 'title', 'created_at', 'edited_at', 'content_note', 'text'],
    rows: async (db, userId, p) => {
      const rows = await db
        .selectFrom('space_posts as p')
        .innerJoin('space_threads as t', 't.id', 'p.thread_id')
        .select([
          sql<string>`(select name from groups where groups.id = p.group_id)`.as('group'),
          't.space',
          'p.seq',
          't.title',
          'p.created_at',
          'p.edited_at',
          'p.content_note',
          'p.body',
        ])
        .where('p.author_id', '=', userId)
        .orderBy('p.created_at')
        .orderBy('p.id')
        .limit(p.limit)
        .offset(p.offset)
        .execute();
      return rows.map((r) => ({
        group: r.group,
        space: r.space === 'peers' ? 'members only' : 'everyone',
        what: Number(r.seq) === 1 ? 'thread' : 'reply',
        // A thread's title is yours only if you started it.
        title: Number(r.seq) === 1 ? r.title : '',
        created_at: r.created_at,
        edited_at: r.edited_at,
        content_note: r.content_note,
        text: r.body,
      }));
    },
  },
  {
    file: 'staff-roles.csv',
    about: 'Groups you work with in a staff role (not as a member).',
    columns: ['group', 'role', 'added_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('group_staff')
        .select([groupName.as('group'), 'role', 'added_at'])
        .where('user_id', '=', userId)
        .orderBy('added_at')
        .orderBy('group_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'meetings-observed.csv',
    about: 'Meetings you were invited to observe, in groups you were not a member of.',
    columns: ['group', 'meeting_starts_at', 'added_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('meeting_observers as o')
        .innerJoin('meetings as m', 'm.id', 'o.meeting_id')
        .innerJoin('groups as g', 'g.id', 'm.group_id')
        .select(['g.name as group', 'm.starts_at as meeting_starts_at', 'o.added_at'])
        .where('o.user_id', '=', userId)
        .orderBy('o.added_at')
        .orderBy('o.meeting_id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'notifications.csv',
    about: 'The notifications Hearth showed you.',
    columns: ['group', 'kind', 'created_at', 'read_at'],
    rows: (db, userId, p) =>
      db
        .selectFrom('notifications')
        .select([groupName.as('group'), 'kind', 'created_at', 'read_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'mail.csv',
    about: 'The mail Hearth sent you, or holds for you.',
    columns: ['kind', 'subject', 'status', 'created_at', 'sent_at', 'text'],
    rows: (db, userId, p) =>
      db
        .selectFrom('email_outbox')
        .select(['kind', 'subject', 'status', 'created_at', 'sent_at', 'text_body as text'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
  },
  {
    file: 'record.csv',
    about: 'Entries in your groups’ records that you made or that are about you.',
    columns: ['group', 'at', 'action', 'by_you', 'about_you'],
    rows: async (db, userId, p) => {
      const rows = await db
        .selectFrom('audit_events')
        .select([groupName.as('group'), 'at', 'action', 'actor_id', 'subject_id'])
        .where((eb) => eb.or([eb('actor_id', '=', userId), eb('subject_id', '=', userId)]))
        .orderBy('at')
        .orderBy('id')
        .limit(p.limit)
        .offset(p.offset)
        .execute();
      return rows.map((r) => ({
        group: r.group,
        at: r.at,
        action: r.action,
        by_you: r.actor_id === userId ? 'yes' : 'no',
        about_you: r.subject_id === userId ? 'yes' : 'no',
      }));
    },
  },
];
