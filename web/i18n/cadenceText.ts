import type { Cadence } from '../../core/domain/meetings';
import { weekday } from '../lib/time';
import { plural, t } from './t';

/** How often a group meets, in words: "Every 2 weeks, on Tuesday". */
export function cadenceText(cadence: Cadence): string {
  switch (cadence.kind) {
    case 'once':
      return t('cadence.once');
    case 'regular':
      return t('cadence.regular');
    case 'daily':
      return plural('cadence.daily', cadence.interval);
    case 'weekly': {
      const every = plural('cadence.weekly', cadence.interval);
      return cadence.weekday
        ? t('cadence.onDay', { cadence: every, day: weekday(cadence.weekday) })
        : every;
    }
    case 'monthly': {
      const every = plural('cadence.monthly', cadence.interval);
      return cadence.weekday && cadence.nth !== null
        ? t('cadence.onNth', {
            cadence: every,
            nth: t(`cadence.nth.${cadence.nth as 1 | 2 | 3 | 4 | -1}`),
            day: weekday(cadence.weekday),
          })
        : every;
    }
  }
}
