import type { Kysely } from 'kysely';
import { DEFAULT_QUESTIONS } from '../../core/domain/joining';
import { inDirectory, type Stage } from '../../core/domain/lifecycle';
import type { Database } from '../../server/db/tables';
import { newId } from '../../server/security/tokens';

const LANGUAGES = ['en', 'en', 'en', 'cy', 'fr'];
const FORMATS = ['in_person', 'online', 'both'] as const;
const VISIBILITIES = ['open', 'closed', 'invite_only'] as const;
const STAGES: Stage[] = ['forming', 'active', 'active', 'continuing', 'review', 'adjourned'];
const TAGS = ['carers', 'parents', 'grief', 'nurses', 'evenings'];

/**
 * Many groups straight into the database, in batches, with a steward each and a spread of
 * visibility, stage, language, format and tags. Returns what the directory should list.
 */
export async function seedDirectory(db: Kysely<Database>, count: number) {
  const userId = newId();
  const at = new Date().toISOString();
  await db
    .insertInto('users')
    .values({
      id: userId,
      email: `seed-${userId}@example.org`,
      display_name: 'Seed',
      password_hash: 'x',
      created_at: at,
    })
    .execute();
  const listedByLanguage: Record<string, number> = {};
  const listedWithTag: Record<string, number> = {};
  const questionnaire = JSON.stringify(DEFAULT_QUESTIONS);
  for (let start = 0; start < count; start += 500) {
    const groups = [];
    const tags = [];
    const members = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const id = newId();
      const visibility = VISIBILITIES[i % 3] as (typeof VISIBILITIES)[number];
      const stage = STAGES[i % STAGES.length] as Stage;
      const language = LANGUAGES[i % LANGUAGES.length] as string;
      const listed = inDirectory(visibility, stage);
      groups.push({
        id,
        name: `Group ${i}`,
        purpose: `Peer support number ${i}`,
        description: null,
        visibility,
        size_cap: 6,
        created_by: userId,
        created_at: at,
        updated_at: at,
        time_zone: 'Europe/London',
        meeting_minutes: 90,
        lateness_policy: 'noted' as const,
        stage,
        planned_meetings: 6,
        review_at: 6,
        format: FORMATS[i % 3] ?? null,
        area: i % 2 ? 'Cardiff' : 'Leeds',
        language,
        joining_criteria: null,
        questionnaire: visibility === 'closed' ? questionnaire : null,
        purpose_asked_at: null,
        stage_changed_at: at,
        listed_at: listed ? at : null,
      });
      members.push({ group_id: id, user_id: userId, role: 'steward' as const, joined_at: at });
      const tag = TAGS[i % TAGS.length] as string;
      tags.push({ group_id: id, tag });
      if (listed) {
        listedByLanguage[language] = (listedByLanguage[language] ?? 0) + 1;
        listedWithTag[tag] = (listedWithTag[tag] ?? 0) + 1;
      }
    }
    await db.insertInto('groups').values(groups).execute();
    await db.insertInto('memberships').values(members).execute();
    await db.insertInto('group_tags').values(tags).execute();
  }
  return { userId, listedByLanguage, listedWithTag };
}
