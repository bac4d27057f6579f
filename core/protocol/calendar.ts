/** Calendars: one meeting as a file, and a person's secret feed of all their meetings. */
import { z } from 'zod';
import { isoTime } from './common';

export const feedParams = z.strictObject({ token: z.string().min(1).max(200) });

export const calendarFeedStatus = z
  .object({ active: z.boolean(), createdAt: isoTime.nullable(), url: z.string().nullable() })
  .meta({ id: 'CalendarFeed' });
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatus>;
