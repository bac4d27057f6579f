/**
 * How a client keeps the room it holds in step with what the server sends: a snapshot or a
 * whole state replaces it (when newer), a patch applies only to the exact version it was made
 * from, and anything else asks for a resync. The web app and the test client both use this.
 */
// The default export: the package's named exports are not seen by Node's ESM loader.
import jsonPatch, { type Operation } from 'fast-json-patch';
import { type RoomOperation, type RoomView, roomView, type ServerMessage } from './live';

export interface HeldRoom {
  room: RoomView | null;
  /** The newest version the server has spoken of, held or not. */
  heard: number;
}

export type RoomMessage = Extract<ServerMessage, { type: 'snapshot' | 'state' | 'patch' }>;

export interface Followed extends HeldRoom {
  /** The room held is behind what the server has spoken of: ask for a snapshot. */
  resync: boolean;
}

/** The room after applying `ops`, or null when they do not apply or do not make a room. */
export function applyRoomPatch(room: RoomView, ops: RoomOperation[]): RoomView | null {
  try {
    const { newDocument } = jsonPatch.applyPatch(room, ops as Operation[], false, false);
    const checked = roomView.safeParse(newDocument);
    return checked.success ? checked.data : null;
  } catch {
    return null;
  }
}

export function followRoom(held: HeldRoom, message: RoomMessage): Followed {
  const current = held.room;
  if (message.type === 'patch') {
    const heard = Math.max(held.heard, message.to);
    // Not yet holding a room (its snapshot is on the way), or already as new: nothing to do.
    if (!current || message.to <= current.version) return { room: current, heard, resync: false };
    const next = message.from === current.version ? applyRoomPatch(current, message.ops) : null;
    return next ? { room: next, heard, resync: false } : { room: current, heard, resync: true };
  }
  const heard = Math.max(held.heard, message.room.version);
  // A snapshot is the room as it stands for this connection, even if older than one held.
  const room =
    message.type === 'snapshot' || !current || message.room.version > current.version
      ? message.room
      : current;
  return { room, heard, resync: room.version < heard };
}
