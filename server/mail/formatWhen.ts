/**
 * Dates and times as mail says them. A mail is read far from the app, so a meeting's time is
 * given in the group's own zone, with the zone named.
 */

/** "Tuesday 31 March, 7:00 pm (Europe/London)": a meeting's time in the group's zone. */
export function formatWhen(instant: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).format(new Date(instant));
  return `${text.replace(' at ', ', ')} (${timeZone.replace(/_/g, ' ')})`;
}

/** "Tuesday 1 December": a day, such as when an invitation stops working. */
export function formatDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(instant);
}
