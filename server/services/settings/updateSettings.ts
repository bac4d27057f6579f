import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { PublicSettings, updateSettingsBody } from '../../../core/protocol/settings';
import type { Viewer } from '../../access/viewer';
import { writeSetting } from '../../db/queries/settings';
import type { Deps } from '../../deps';
import { getSettings } from './getSettings';

/** Changes the deployment's settings; administrators only. */
export async function updateSettings(
  deps: Deps,
  viewer: Viewer,
  input: z.output<typeof updateSettingsBody>,
): Promise<PublicSettings> {
  if (!viewer.isAdmin) {
    throw new AppError(
      'forbidden',
      'Only this deployment’s administrators can change its settings.',
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    if (input.deploymentName !== undefined)
      await writeSetting(trx, 'deploymentName', input.deploymentName);
    if (input.crisisResources !== undefined)
      await writeSetting(trx, 'crisisResources', input.crisisResources);
    if (input.sizeCapMax !== undefined) await writeSetting(trx, 'sizeCapMax', input.sizeCapMax);
    if (input.privacyContact !== undefined)
      await writeSetting(trx, 'privacyContact', input.privacyContact);
  });
  return getSettings(deps.db);
}
