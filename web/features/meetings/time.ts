/** Meeting times for people: always in the viewer's own time zone, in their locale. */
const long = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: 'numeric',
  minute: '2-digit',
});

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatMeeting(iso: string): string {
  return long.format(new Date(iso));
}

/** `YYYY-MM-DDTHH:mm` of an instant in a zone, for a datetime-local field. */
export function localInZone(iso: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Every IANA zone this browser knows, for a select. */
export function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [];
  return zones.includes(viewerZone) ? zones : [viewerZone, ...zones];
}
