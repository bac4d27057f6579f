/**
 * Row types as both dialects store them: ids are text (UUIDv7), times are UTC ISO-8601 text,
 * flags are nullable timestamps, never booleans. Kysely uses these to type every query.
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: string;
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
}

export interface SettingsTable {
  key: string;
  value: string;
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
  kind: 'proposal.new' | 'proposal.revised' | 'proposal.outcome';
  subject_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  groups: GroupsTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  settings: SettingsTable;
  rate_limits: RateLimitsTable;
  audit_events: AuditEventsTable;
  agreement_versions: AgreementVersionsTable;
  agreement_proposals: AgreementProposalsTable;
  agreement_proposal_rounds: AgreementProposalRoundsTable;
  agreement_responses: AgreementResponsesTable;
  agreement_acknowledgements: AgreementAcknowledgementsTable;
  notifications: NotificationsTable;
}
