import type { z } from 'zod';
import { AppError } from '../../core/errors';
import type { PublicSettings, updateSettingsBody } from '../../core/protocol/api';
import { writeSetting } from '../db/queries/settings';
import type { Deps, Viewer } from './deps';
import { getSettings } from './getSettings';

/** Changes the deployment's settings; administrators only. */
export async function updateSettings(
  deps: Deps,
  viewer: Viewer,
  input: z.output<typeof updateSettingsBody>,
): Promise<PublicSettings> {
  if (!viewer.isAdmin)
    throw new AppError(
      'forbidden',
      'Only this deployment’s administrators can change its settings.',
    );
  await deps.db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(input)) {
      if (value !== undefined) await writeSetting(trx, key, JSON.stringify(value));
    }
  });
  return getSettings(deps.db);
}
