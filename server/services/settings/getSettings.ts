import type { Kysely } from 'kysely';
import { DEFAULT_SIZE_CAP_MAX, RECOMMENDED_GROUP_SIZE } from '../../../core/domain/groupSize';
import type { PublicSettings } from '../../../core/protocol/settings';
import { readSettings } from '../../db/queries/settings';
import type { Database } from '../../db/tables';

/** What a new deployment says about crisis support until an administrator writes its own. */
export const DEFAULT_CRISIS_RESOURCES = [
  'Hearth is not a crisis service. The people in your group care, but they may not see a message quickly and are not trained to help in an emergency.',
  'If you or someone else is in danger right now, call your local emergency number (999 or 112 in the UK and Europe, 911 in North America).',
  'If you are struggling and want to talk to someone now: in the UK and Ireland, Samaritans answer day and night, free, on 116 123. In the US and Canada, call or text 988. Elsewhere, findahelpline.com lists free, confidential helplines.',
].join('\n\n');

export const DEFAULT_DEPLOYMENT_NAME = 'Hearth';

/** The deployment's settings as everyone sees them, with defaults for any never set. */
export async function getSettings(db: Kysely<Database>): Promise<PublicSettings> {
  const stored = await readSettings(db);
  return {
    deploymentName: stored.deploymentName ?? DEFAULT_DEPLOYMENT_NAME,
    crisisResources: stored.crisisResources ?? DEFAULT_CRISIS_RESOURCES,
    sizeCapMax: stored.sizeCapMax ?? DEFAULT_SIZE_CAP_MAX,
    recommendedSize: RECOMMENDED_GROUP_SIZE,
    privacyContact: stored.privacyContact ?? '',
  };
}
