/**
 * The space's notices: a socket that says which thread has something new, so an open page
 * reads it (over HTTP) without reloading. Reconnects like the live session; after a gap the
 * page reads itself again.
 */
import {
  LIVE_PROTOCOL_VERSION,
  type SpaceMessage,
  spaceMessage,
} from '../../../core/protocol/live';
import { path } from '../../lib/api';
import { openSocket, type Socket } from '../../lib/socket';

export function openSpaceNotices(
  groupId: string,
  onNotice: (message: SpaceMessage | { type: 'resync' }) => void,
): Socket {
  let opened = false;
  const socket = openSocket(path`/api/groups/${groupId}/space/live`, {
    // After a reconnection anything may have been missed: read again.
    onOpen: () => {
      if (opened) onNotice({ type: 'resync' });
      opened = true;
    },
    onWake: () => onNotice({ type: 'resync' }),
    onMessage: (data) => {
      let raw: unknown;
      try {
        raw = JSON.parse(data);
      } catch {
        return;
      }
      const parsed = spaceMessage.safeParse(raw);
      if (parsed.success) onNotice(parsed.data);
      else if ((raw as { v?: unknown } | null)?.v !== LIVE_PROTOCOL_VERSION) socket.outdated();
    },
  });
  return socket;
}
