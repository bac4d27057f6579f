/**
 * Row types as both dialects store them: ids are text (UUIDv7), times are UTC ISO-8601 text,
 * flags are nullable timestamps, never booleans. Kysely uses these to type every query.
 */
import type { Generated } from 'kysely';
import type { ChangeProblem } from '../../core/domain/agreement';
import type { ConsentResponse } from '../../core/domain/consent';
import type { Stage, StageReason } from '../../core/domain/lifecycle';
import type {
  AttendanceStatus,
  LatenessPolicy,
  RsvpResponse,
  VenueKind,
} from '../../core/domain/meetings';
import type { StaffRole } from '../../core/domain/membership';
import type {
  ReportReason,
  SpaceName,
  ThreadKind,
  ThreadVolume,
  ThreadWants,
  WarmResponse,
} from '../../core/domain/space';
import type { NotificationKind } from '../../core/protocol/notifications';

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: string;
  /** Raised to stop every one-click mail link made before (see migration 011). */
  mail_link_generation: Generated<number>;
  /** When the person showed the address is theirs (used a mailed link); null: not yet. */
  email_verified_at: string | null;
  /** 1 for accounts made before addresses were verified: they keep getting mail meanwhile. */
  email_trusted: Generated<number>;
  /** The person closed the account: signed out everywhere, out of every group. */
  closed_at: string | null;
  /** When a closed account is erased, unless the person signs back in before. */
  erase_after: string | null;
  /** When the account's personal data was erased; the row stays so records keep their shape. */
  erased_at: string | null;
  /** When the person last opened a group's space; digests go only to people away since. */
  space_seen_at: string | null;
  /** When their last digest of the space went. */
  space_digest_at: string | null;
  /** base64url of 32 random bytes: who the person is to their passkeys; null until the first. */
  passkey_handle: string | null;
}

/** A passkey: a WebAuthn credential, its public key and signature counter. */
export interface PasskeysTable {
  /** The credential id, base64url. */
  id: string;
  user_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON: the transports the authenticator named. */
  transports: string;
  /** 1 when the passkey is synced (backed up) across the person's devices. */
  backed_up: number;
  /** What the person calls it ("Phone"). */
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export type ChallengePurpose = 'register' | 'signup' | 'signin' | 'confirm';

/** A WebAuthn ceremony's challenge, used once, before it expires. */
export interface WebauthnChallengesTable {
  id: string;
  challenge: string;
  purpose: ChallengePurpose;
  user_id: string | null;
  payload: string | null;
  expires_at: string;
}

export type TokenScope = 'reset' | 'verify' | 'change_email';

/** A mailed one-time link: only its hash is kept. */
export interface AccountTokensTable {
  id: string;
  user_id: string;
  scope: TokenScope;
  token_hash: string;
  /** The new address, for a change of email. */
  email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Where a person has signed in successfully from: a device or network, hashed. */
export interface SignInSourcesTable {
  user_id: string;
  source_hash: string;
  last_used_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the cookie token; the token itself is never stored. */
  token_hash: string;
  device: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute end of the session; idle expiry is computed from last_seen_at. */
  expires_at: string;
  /** When the person last confirmed it is them here (with a passkey), for sensitive changes. */
  confirmed_at?: string | null;
}

export interface GroupsTable {
  id: string;
  name: string;
  purpose: string | null;
  description: string | null;
  visibility: 'open' | 'closed' | 'invite_only';
  size_cap: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** IANA zone the group meets in; schedules are written in it. */
  time_zone: string;
  meeting_minutes: number;
  lateness_policy: LatenessPolicy;
  stage: Stage;
  /** Meetings planned for this stretch of the group's life; null: ongoing, never reviewed. */
  planned_meetings: number | null;
  /** Meetings held at which the group reviews itself; null: never. */
  review_at: number | null;
  format: VenueKind | null;
  /** Where the group meets, in a few words (a town, a district, "online"). */
  area: string | null;
  language: string;
  joining_criteria: string | null;
  /** JSON: the closed group's joining questions (core/domain/joining Question[]). */
  questionnaire: string | null;
  /** When a steward asked members what they think the purpose is; null: not asking. */
  purpose_asked_at: string | null;
  stage_changed_at: string | null;
  /** Set while the group is in the directory: open or closed, and not adjourned. */
  listed_at: string | null;
  /** The live-session agenda the group last chose: a template id, or "group". */
  session_template: string | null;
  /** JSON: the group's own agenda (core/domain/liveTemplates AgendaPhase[]), if it has one. */
  session_agenda: string | null;
  /** 1: any member may propose small groups in a session; 0: only the facilitator. */
  members_propose_small_groups: Generated<number>;
  /** How many days the group keeps recordings of its calls (core/domain/recording.ts). */
  recording_retention_days: Generated<number>;
}

export interface MembershipsTable {
  group_id: string;
  user_id: string;
  role: 'steward' | 'member';
  joined_at: string;
}

export interface InvitesTable {
  id: string;
  group_id: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  max_uses: number | null;
  uses: Generated<number>;
  /** The address the invitation was mailed to, if it was. */
  sent_to: string | null;
  /** A staff role the invitation gives instead of membership; null: a member. */
  role: StaffRole | null;
  /** With the observer role: the one meeting the person is invited to observe. */
  meeting_id: Generated<string | null>;
}

/** A WebRTC signal on its way between two people in a call (migration 019); kept a minute. */
export interface CallSignalsTable {
  id: string;
  meeting_id: string;
  from_id: string;
  to_id: string;
  /** JSON: the signal (core/protocol/live.ts callSignal). */
  body: string;
  /** Server milliseconds. */
  created_at: number;
}

/** One person's track of a recording of a session's call (migration 020). */
export interface RecordingTracksTable {
  meeting_id: string;
  /** The recording's id in the room (core/domain/recording.ts). */
  recording_id: string;
  user_id: string;
  group_id: string;
  /** When the recording started: the group's retention counts from it. */
  started_at: string;
  /** How many slices have arrived, and their bytes. */
  slices: Generated<number>;
  bytes: Generated<number>;
  updated_at: string;
  /** Set when the person erased their track: slices still on a device are refused. */
  erased_at: string | null;
}

/** A few seconds of one person's track, as their device recorded and uploaded it. */
export interface RecordingSlicesTable {
  meeting_id: string;
  recording_id: string;
  user_id: string;
  /** The slice's place in the track, from 0, as the device numbered it. */
  seq: number;
  /** WebM (Opus) bytes: the first slice of each take carries the header. */
  data: Uint8Array;
  received_at: string;
}

/** People from outside a group invited to observe one of its meetings, and nothing else. */
export interface MeetingObserversTable {
  meeting_id: string;
  user_id: string;
  invite_id: string | null;
  added_at: string;
}

/** Someone who works with a group without being one of its peers (migration 016). */
export interface GroupStaffTable {
  group_id: string;
  user_id: string;
  role: StaffRole;
  added_at: string;
}

export interface SpaceThreadsTable {
  id: string;
  group_id: string;
  space: SpaceName;
  kind: ThreadKind;
  wants: ThreadWants;
  title: string;
  author_id: string | null;
  created_at: string;
  /** The newest post's sequence number in the thread; only grows. */
  last_seq: number;
  last_post_at: string;
  reply_count: Generated<number>;
  /** 1 once the asker marked a reply "this helped". */
  answered: Generated<number>;
}

export interface SpacePostsTable {
  id: string;
  thread_id: string;
  group_id: string;
  /** 1 for the thread's opening post, then one more for each reply. */
  seq: number;
  author_id: string | null;
  /** What the author wrote (the Markdown subset). */
  body: string;
  /** `body` rendered safely (server/space/markdown.ts). */
  body_html: string;
  content_note: string | null;
  quote_id: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
  hidden_note: string | null;
  second_look_at: string | null;
  second_look_note: string | null;
  helped_at: string | null;
}

export interface SpacePostVersionsTable {
  post_id: string;
  body: string;
  content_note: string | null;
  replaced_at: string;
}

export interface SpaceWarmthTable {
  post_id: string;
  user_id: string;
  kind: WarmResponse;
  created_at: string;
}

export interface SpaceReadsTable {
  user_id: string;
  thread_id: string;
  last_read_seq: Generated<number>;
  volume: Generated<ThreadVolume>;
  read_at: string | null;
}

export interface SpaceReportsTable {
  id: string;
  post_id: string;
  group_id: string;
  reporter_id: string | null;
  reason: ReportReason;
  agreement_item: string | null;
  note: string | null;
  created_at: string;
  settled_at: string | null;
  outcome: 'hidden' | 'kept' | null;
}

export interface SpaceLanguageTable {
  id: string;
  group_id: string;
  problem: string;
  suggestion: string;
  why: string;
  added_by: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** A node's lease on a person's presence in a live room (see migration 010). */
export interface LivePresenceTable {
  meeting_id: string;
  user_id: string;
  node_id: string;
  name: string;
  /** 0 or 1: SQLite has no booleans. */
  observer: number;
  /**
   * Server time (ms) until which the person counts as present through this node, once their
   * socket closed; while connected, `HELD_BY_NODE` (the node's own lease in `live_nodes` holds).
   */
  lease_until: number;
  /** 1 while the person has a socket on the node, 0 once it closed. */
  connected: number;
}

/** A node's own lease: while it lasts, so does the presence of everyone connected to it (021). */
export interface LiveNodesTable {
  node_id: string;
  /** Server time (ms). */
  alive_until: number;
}

/** A create's answer, kept by its idempotency key so a repeat gets it back (see 009). */
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  /** The method and route pattern, e.g. `POST /api/groups/:id/meetings`. */
  route: string;
  /** sha256 of the path and body: the same key with other content is refused. */
  request_hash: string;
  /** Null while the first request is still being answered. */
  status: number | null;
  body: string | null;
  created_at: string;
}

export interface RateLimitsTable {
  /** SHA-256 of the limited thing (an IP address or an email), so neither is stored. */
  key: string;
  window_start: number;
  count: number;
}

export interface AuditEventsTable {
  id: string;
  at: string;
  actor_id: string | null;
  group_id: string | null;
  action: string;
  subject_id: string | null;
}

export interface AgreementVersionsTable {
  id: string;
  group_id: string;
  number: number;
  /** JSON: AgreementItem[] */
  items: string;
  proposal_id: string | null;
  created_at: string;
}

export type ProposalStatus = 'open' | 'adopted' | 'lapsed' | 'withdrawn' | 'not_adopted';

export interface AgreementProposalsTable {
  id: string;
  group_id: string;
  proposer_id: string;
  kind: 'adopt' | 'add' | 'amend' | 'remove';
  /** JSON: AgreementChange, as of the current round */
  change: string;
  reason: string;
  round: number;
  status: ProposalStatus;
  created_at: string;
  deadline_at: string;
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
  /** Why the group's agreement could not take the change (null for other closings). */
  close_reason: ChangeProblem | null;
  result_version: number | null;
}

export interface AgreementProposalRoundsTable {
  proposal_id: string;
  round: number;
  change: string;
  reason: string;
  revised_at: string;
}

export interface AgreementResponsesTable {
  proposal_id: string;
  round: number;
  user_id: string;
  response: 'agree' | 'stand_aside' | 'object';
  note: string | null;
  responded_at: string;
}

export interface AgreementAcknowledgementsTable {
  group_id: string;
  user_id: string;
  version_number: number;
  acknowledged_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  group_id: string | null;
  kind: NotificationKind;
  subject_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface MeetingSeriesTable {
  id: string;
  group_id: string;
  /** Normalised RRULE value without COUNT/UNTIL. */
  rrule: string;
  /** First meeting as local wall-clock time, `YYYY-MM-DDTHH:mm`, in time_zone. */
  start_local: string;
  time_zone: string;
  planned_count: number | null;
  until_date: string | null;
  created_by: string;
  created_at: string;
}

export interface MeetingsTable {
  id: string;
  group_id: string;
  series_id: string | null;
  starts_at: string;
  duration_minutes: number;
  time_zone: string;
  status: 'scheduled' | 'cancelled';
  /** Set when an occurrence was moved: where the schedule had put it. */
  original_starts_at: string | null;
  /** The note to members with the latest move or cancellation. */
  change_note: string | null;
  /** Set when Hearth cancelled the meeting by itself. */
  cancel_reason: 'group_adjourned' | null;
  /** iCalendar SEQUENCE: bumped on every change members should see. */
  sequence: Generated<number>;
  venue_kind: VenueKind;
  venue_name: string | null;
  venue_address: string | null;
  access_notes: string | null;
  online_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupRolesTable {
  id: string;
  group_id: string;
  /** Built-in role key, or null for a role the group added. */
  key: string | null;
  name: string;
  description: string | null;
  position: number;
  /** Set while the role is left out of the rota. */
  paused_at: string | null;
  created_at: string;
}

export interface RoleNotReadyTable {
  role_id: string;
  user_id: string;
}

export interface MeetingRolesTable {
  meeting_id: string;
  role_id: string;
  user_id: string | null;
  /** Set when settled by a swap or a steward, so planning keeps it. */
  pinned_at: string | null;
  updated_at: string;
}

export interface RoleSwapsTable {
  id: string;
  meeting_id: string;
  role_id: string;
  from_user: string;
  to_user: string;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  note: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface RsvpsTable {
  meeting_id: string;
  user_id: string;
  response: RsvpResponse;
  note: string | null;
  updated_at: string;
}

export interface AttendanceTable {
  meeting_id: string;
  user_id: string;
  status: AttendanceStatus;
  arrived_at: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface SessionReflectionsTable {
  meeting_id: string;
  user_id: string;
  words: string;
  /** 1–5, or null when the person gave none. */
  rating: number | null;
  /** 1: the group may read it; 0: only its author. */
  shared: number;
  created_at: string;
  updated_at: string;
}

export interface ObserverNotesTable {
  id: string;
  meeting_id: string;
  author_id: string;
  /** The code's label as it was when the note was made (a codebook may change later). */
  code: string;
  text: string;
  part_id: string | null;
  /** JSON: the ids of the people the note is about. */
  people: string;
  /** Server milliseconds: a moment, or the start of a span. */
  starts_at: number;
  /** The end of a span; null for a moment (or a span still open). */
  ends_at: number | null;
  /** 1: a span (start and end); 0: a moment. */
  span: number;
  created_at: string;
  updated_at: string;
}

export interface SmallGroupNotesTable {
  meeting_id: string;
  /** Which round of small groups in the session (core/domain/breakouts.ts ids). */
  breakouts_id: string;
  group_id: string;
  text: string;
  updated_by: string | null;
  updated_at: string;
}

export interface GroupCodebooksTable {
  group_id: string;
  /** JSON: the group's codes for observer notes (core/domain/codebook.ts). */
  codes: string;
  updated_at: string;
}

export interface CalendarFeedsTable {
  user_id: string;
  /** SHA-256 of the secret in the feed's address. */
  token_hash: string;
  created_at: string;
}

export interface EmailPreferencesTable {
  user_id: string;
  /** JSON: EmailPreferences */
  preferences: string;
  updated_at: string;
}

/**
 * `waiting`: for an address not yet verified; it goes out once the person confirms it.
 * `held`: kept for the administrator because no SMTP server is set.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'held' | 'failed' | 'waiting';

export interface EmailOutboxTable {
  id: string;
  user_id: string | null;
  /** The group the mail is about; null for mail about an account. */
  group_id: string | null;
  to_address: string;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** One mail per key: stops a reminder going twice. */
  dedupe_key: string | null;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface GroupTagsTable {
  group_id: string;
  tag: string;
}

export interface GroupStageChangesTable {
  id: string;
  group_id: string;
  from_stage: Stage;
  to_stage: Stage;
  at: string;
  actor_id: string | null;
  /** People's own words about the step (the changes a review agreed). */
  note: string | null;
  /** Why Hearth moved the group on (null for rows from before reasons were kept). */
  reason: StageReason | null;
  meetings_held: number | null;
}

export interface PurposeAnswersTable {
  group_id: string;
  user_id: string;
  answer: string;
  answered_at: string;
}

export interface PurposeVersionsTable {
  group_id: string;
  version: number;
  purpose: string;
  adopted_at: string;
  decision_id: string | null;
}

export type DecisionKind = 'purpose' | 'review';
export type DecisionStatus = 'open' | 'adopted' | 'lapsed' | 'withdrawn';

export interface GroupDecisionsTable {
  id: string;
  group_id: string;
  kind: DecisionKind;
  proposer_id: string | null;
  /** JSON: { purpose } or { option, plannedMeetings, changes }. */
  proposal: string;
  status: DecisionStatus;
  created_at: string;
  deadline_at: string;
  closed_at: string | null;
}

export interface GroupDecisionResponsesTable {
  decision_id: string;
  user_id: string;
  response: ConsentResponse;
  note: string | null;
  responded_at: string;
}

export type ApplicationStatus = 'pending' | 'accepted' | 'declined' | 'waitlisted' | 'withdrawn';

export interface ApplicationsTable {
  id: string;
  group_id: string;
  user_id: string;
  /** JSON: question id → answer. */
  answers: string;
  status: ApplicationStatus;
  /** A kind message from the steward with the outcome. */
  message: string | null;
  /** Set when Hearth closed the application by itself. */
  closed_reason: 'seat_lapsed' | 'group_adjourned' | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

export interface WaitlistTable {
  group_id: string;
  user_id: string;
  joined_at: string;
  application_id: string | null;
  offered_at: string | null;
  offer_expires_at: string | null;
}

export interface LiveRoomsTable {
  meeting_id: string;
  group_id: string;
  version: number;
  /** JSON: core/domain/live RoomState, as it stood at `saved_version`. */
  state: string;
  /** The version `state` holds; the commands logged since carry the room on (decision 022). */
  saved_version: number;
  created_at: string;
  updated_at: string;
  /** Server milliseconds: when the server must next act for the room by itself, if ever. */
  deadline: number | null;
}

export interface LiveEventsTable {
  meeting_id: string;
  version: number;
  actor_id: string;
  /** The id the client chose for the command: one application per (actor, id). */
  client_id: string;
  /** JSON: the command. */
  command: string;
  at: string;
  /** JSON: what the command amounted to (core/domain/timeline.ts); null before it was kept. */
  happened: string | null;
  /** JSON: core/domain/roomLog LoggedActor; null before it was kept (those rows are never replayed). */
  actor: string | null;
  /** JSON: the command as applied, when it differs from `command` (an agenda becomes its parts). */
  applied: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  sign_in_sources: SignInSourcesTable;
  groups: GroupsTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  meeting_observers: MeetingObserversTable;
  call_signals: CallSignalsTable;
  recording_tracks: RecordingTracksTable;
  recording_slices: RecordingSlicesTable;
  settings: SettingsTable;
  rate_limits: RateLimitsTable;
  idempotency_keys: IdempotencyKeysTable;
  live_presence: LivePresenceTable;
  live_nodes: LiveNodesTable;
  audit_events: AuditEventsTable;
  agreement_versions: AgreementVersionsTable;
  agreement_proposals: AgreementProposalsTable;
  agreement_proposal_rounds: AgreementProposalRoundsTable;
  agreement_responses: AgreementResponsesTable;
  agreement_acknowledgements: AgreementAcknowledgementsTable;
  notifications: NotificationsTable;
  meeting_series: MeetingSeriesTable;
  meetings: MeetingsTable;
  group_roles: GroupRolesTable;
  role_not_ready: RoleNotReadyTable;
  meeting_roles: MeetingRolesTable;
  role_swaps: RoleSwapsTable;
  rsvps: RsvpsTable;
  attendance: AttendanceTable;
  session_reflections: SessionReflectionsTable;
  observer_notes: ObserverNotesTable;
  group_codebooks: GroupCodebooksTable;
  small_group_notes: SmallGroupNotesTable;
  calendar_feeds: CalendarFeedsTable;
  email_preferences: EmailPreferencesTable;
  email_outbox: EmailOutboxTable;
  group_tags: GroupTagsTable;
  group_stage_changes: GroupStageChangesTable;
  purpose_answers: PurposeAnswersTable;
  purpose_versions: PurposeVersionsTable;
  group_decisions: GroupDecisionsTable;
  group_decision_responses: GroupDecisionResponsesTable;
  applications: ApplicationsTable;
  waitlist: WaitlistTable;
  live_rooms: LiveRoomsTable;
  live_events: LiveEventsTable;
  group_staff: GroupStaffTable;
  space_threads: SpaceThreadsTable;
  space_posts: SpacePostsTable;
  space_post_versions: SpacePostVersionsTable;
  space_warmth: SpaceWarmthTable;
  space_reads: SpaceReadsTable;
  space_reports: SpaceReportsTable;
  space_language: SpaceLanguageTable;
}
