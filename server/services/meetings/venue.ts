import type { z } from 'zod';
import type { venueInput } from '../../../core/protocol/meetings';
import type { MeetingRow } from '../../db/queries/meetings';

/** A venue as a meeting stores it: no address for an online meeting, no link in person. */
export function venueColumns(
  venue: z.output<typeof venueInput>,
): Pick<MeetingRow, 'venue_kind' | 'venue_name' | 'venue_address' | 'access_notes' | 'online_url'> {
  return {
    venue_kind: venue.kind,
    venue_name: venue.kind === 'online' ? null : venue.name,
    venue_address: venue.kind === 'online' ? null : venue.address,
    access_notes: venue.accessNotes,
    online_url: venue.kind === 'in_person' ? null : venue.onlineUrl,
  };
}
