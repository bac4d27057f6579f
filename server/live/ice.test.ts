import { describe, expect, it } from 'vitest';
import { iceMessage, turnCredential } from './ice';

describe('TURN credentials (coturn use-auth-secret)', () => {
  it('are the expiry and person, signed with HMAC-SHA1 under the shared secret', () => {
    // From `openssl dgst -sha1 -hmac a-secret-of-sixteen -binary | base64` on "1700000000:ann".
    expect(turnCredential('a-secret-of-sixteen', 'ann', 1_700_000_000_000)).toEqual({
      username: '1700000000:ann',
      credential: 'sBnR3PrKqbgJS4Gb1PJbiqm1rQU=',
    });
  });

  it('are given only when TURN is configured, and say so', () => {
    const none = { stunUrls: [], turnUrls: [], turnSecret: null, credentialMs: 3_600_000 };
    expect(iceMessage(none, 'ann', 0)).toMatchObject({
      iceServers: [],
      relay: false,
      expires: null,
    });
    const turn = {
      stunUrls: ['stun:turn.example.org:3478'],
      turnUrls: ['turns:turn.example.org:443?transport=tcp'],
      turnSecret: 'a-secret-of-sixteen',
      credentialMs: 3_600_000,
    };
    const message = iceMessage(turn, 'ann', 1_700_000_000_000 - 3_600_000);
    expect(message).toMatchObject({ relay: true, expires: 1_700_000_000_000 });
    expect(message.iceServers).toEqual([
      { urls: ['stun:turn.example.org:3478'] },
      {
        urls: ['turns:turn.example.org:443?transport=tcp'],
        username: '1700000000:ann',
        credential: 'sBnR3PrKqbgJS4Gb1PJbiqm1rQU=',
      },
    ]);
  });
});
