/**
 * The servers a browser in a call may use to reach the others: STUN, and TURN with short-lived
 * credentials in coturn's `use-auth-secret` scheme (the TURN REST API): the user name is the
 * expiry (Unix seconds) and the person's id, the password the HMAC-SHA1 of that name under the
 * shared secret, in base64. Nothing is stored; coturn checks the HMAC and the expiry itself.
 */
import { createHmac } from 'node:crypto';
import { LIVE_PROTOCOL_VERSION, type ServerMessage } from '../../core/protocol/live';
import type { Config } from '../config';

export function turnCredential(
  secret: string,
  userId: string,
  expires: number,
): { username: string; credential: string } {
  const username = `${Math.floor(expires / 1000)}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

export function iceMessage(
  config: Config['call'],
  userId: string,
  now: number,
): Extract<ServerMessage, { type: 'ice' }> {
  const iceServers: Extract<ServerMessage, { type: 'ice' }>['iceServers'] = [];
  if (config.stunUrls.length > 0) iceServers.push({ urls: config.stunUrls });
  const relay = config.turnSecret !== null && config.turnUrls.length > 0;
  const expires = relay ? now + config.credentialMs : null;
  if (relay && config.turnSecret && expires !== null) {
    iceServers.push({
      urls: config.turnUrls,
      ...turnCredential(config.turnSecret, userId, expires),
    });
  }
  return { v: LIVE_PROTOCOL_VERSION, type: 'ice', iceServers, relay, expires };
}
