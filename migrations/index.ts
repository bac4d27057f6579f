/**
 * Every migration, in order. Append-only: never edit one that has shipped; add the next.
 * Listed here (not read from disk) so the same code runs under tsx, Vitest and a bundle.
 */
import type { Migration } from 'kysely';
import * as m001 from './001_initial';
import * as m002 from './002_agreement';
import * as m003 from './003_meetings';
import * as m004 from './004_invite_mail';
import * as m005 from './005_forming';
import * as m006 from './006_live';
import * as m007 from './007_session_template';
import * as m008 from './008_reasons';
import * as m009 from './009_idempotency';
import * as m010 from './010_live_presence';
import * as m011 from './011_mail_links';
import * as m012 from './012_accounts';
import * as m013 from './013_account_closing';
import * as m014 from './014_passkeys';
import * as m015 from './015_mail_group';
import * as m016 from './016_space';
import * as m017 from './017_session_record';
import * as m018 from './018_proposals_and_guests';
import * as m019 from './019_call_signals';
import * as m020 from './020_recordings';
import * as m021 from './021_live_nodes';
import * as m022 from './022_live_log_key';
import * as m023 from './023_live_room_log';

export const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_agreement': m002,
  '003_meetings': m003,
  '004_invite_mail': m004,
  '005_forming': m005,
  '006_live': m006,
  '007_session_template': m007,
  '008_reasons': m008,
  '009_idempotency': m009,
  '010_live_presence': m010,
  '011_mail_links': m011,
  '012_accounts': m012,
  '013_account_closing': m013,
  '014_passkeys': m014,
  '015_mail_group': m015,
  '016_space': m016,
  '017_session_record': m017,
  '018_proposals_and_guests': m018,
  '019_call_signals': m019,
  '020_recordings': m020,
  '021_live_nodes': m021,
  '022_live_log_key': m022,
  '023_live_room_log': m023,
};
