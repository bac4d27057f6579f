/**
 * A software passkey for integration tests: makes the registration and assertion answers a
 * browser would send (attestation "none", ES256), so the server's checks run for real
 * without a browser. Browser tests use Chromium's own virtual authenticator instead.
 */
import {
  createHash,
  createSign,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64 = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

export class SoftAuthenticator {
  private readonly key: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  readonly credentialId = randomBytes(16);
  counter = 0;
  userHandle = '';

  constructor(
    private readonly origin: string,
    /** Synced passkeys keep their counter at 0. */
    private readonly synced = false,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.key = privateKey;
    const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    this.publicJwk = jwk;
  }

  get id(): string {
    return b64(this.credentialId);
  }

  private authData(rpId: string, attested: boolean): Buffer {
    const flags = 0x01 | 0x04 | (this.synced ? 0x18 : 0) | (attested ? 0x40 : 0);
    if (!this.synced && !attested) this.counter += 1;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.synced ? 0 : this.counter);
    const parts = [sha256(rpId), Buffer.from([flags]), count];
    if (attested) {
      const cose = new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(this.publicJwk.x, 'base64url')],
        [-3, Buffer.from(this.publicJwk.y, 'base64url')],
      ]);
      const length = Buffer.alloc(2);
      length.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), length, this.credentialId, Buffer.from(isoCBOR.encode(cose)));
    }
    return Buffer.concat(parts);
  }

  private clientData(type: string, challenge: string): Buffer {
    return Buffer.from(
      JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }),
    );
  }

  /** The answer to registration options, as @simplewebauthn/browser would send it. */
  register(options: Record<string, unknown>): Record<string, unknown> {
    const rp = options.rp as { id: string };
    this.userHandle = (options.user as { id: string }).id;
    const attestation = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', this.authData(rp.id, true)],
      ]) as never,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64(this.clientData('webauthn.create', options.challenge as string)),
        attestationObject: b64(attestation),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** The answer to authentication options. */
  assert(options: Record<string, unknown>): Record<string, unknown> {
    const authData = this.authData(options.rpId as string, false);
    const clientData = this.clientData('webauthn.get', options.challenge as string);
    const signer = createSign('SHA256');
    signer.update(Buffer.concat([authData, sha256(clientData)]));
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64(clientData),
        authenticatorData: b64(authData),
        signature: b64(signer.sign(this.key)),
        userHandle: this.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}
