/** Test help for small groups: bringing their end near (a test cannot wait ten minutes). */
import type { RoomState } from '../../core/domain/live';
import type { Config } from '../../server/config';
import { openDatabase } from '../../server/db/client';
import { findRoom, saveRoom } from '../../server/db/queries/liveRooms';

/** Moves the running small groups' end to `ms` from now, straight in the database. */
export async function endBreakoutsSoon(
  database: Config['database'],
  meetingId: string,
  ms: number,
): Promise<void> {
  const { db, close } = await openDatabase(database);
  try {
    const room = await findRoom(db, meetingId);
    const state = room?.state as RoomState;
    const endsAt = Date.now() + ms;
    await saveRoom(db, meetingId, {
      state: {
        ...state,
        breakouts: state.breakouts && {
          ...state.breakouts,
          groups: state.breakouts.groups.map((g) => ({ ...g, endsAt, warned: 0 })),
        },
      },
      updated_at: new Date().toISOString(),
      before: state,
      whole: true,
    });
  } finally {
    await close();
  }
}
