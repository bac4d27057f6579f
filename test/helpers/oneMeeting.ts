/** The body that plans one online meeting starting `msFromNow` from now (UTC, to the minute). */
export function oneOnlineMeeting(msFromNow: number, now = Date.now()) {
  return {
    start: new Date(now + msFromNow).toISOString().slice(0, 16),
    timeZone: 'UTC',
    rrule: null,
    count: 1,
    until: null,
    venue: { kind: 'online', onlineUrl: 'https://call.example.org/room' },
  } as const;
}
