import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { TokenEncryptionKeys } from '../../config/appConfig';

const ALGORITHM = 'aes-256-gcm';
/** GCM's recommended nonce length; a fresh random one for every value sealed. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** How a key is named beside what it sealed: the first 8 hex digits of its SHA-256, which reveal nothing of the key. */
export function tokenKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** A stored token that cannot be opened; the message says which key, and which variables to look at. */
export class TokenDecryptionError extends Error {
  constructor(
    message: string,
    /** True when the key is simply not configured here (another key id); false when the value does not open under its key. */
    readonly keyMissing: boolean,
  ) {
    super(message);
    this.name = 'TokenDecryptionError';
  }
}

export interface SealedToken {
  /** The key it was sealed under (see tokenKeyId). */
  keyId: string;
  /** Base64url IV, authentication tag and ciphertext, joined by dots. */
  sealed: string;
}

/**
 * Seals and opens stored Slack tokens with AES-256-GCM: a fresh random IV for every value, its
 * authentication tag stored with it, and what the token belongs to (the installation's key) as
 * associated data, so a sealed token copied onto another installation's row does not open there.
 * New values are sealed under the current key (TOKEN_ENCRYPTION_KEY); older ones still open under
 * the previous keys (TOKEN_ENCRYPTION_PREVIOUS_KEYS) until `npm run reencrypt-tokens` reseals them.
 */
export class TokenKeyRing {
  readonly currentKeyId: string;
  private readonly current: Buffer;
  private readonly keys = new Map<string, Buffer>();

  constructor(keys: TokenEncryptionKeys) {
    this.current = keys.current;
    this.currentKeyId = tokenKeyId(keys.current);
    for (const key of [keys.current, ...keys.previous]) this.keys.set(tokenKeyId(key), key);
  }

  /** True when a value sealed under `keyId` opens here. */
  knows(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  seal(plaintext: string, boundTo: string): SealedToken {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const sealed = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
    return { keyId: this.currentKeyId, sealed };
  }

  /** The token, or a TokenDecryptionError saying why not. */
  open(sealed: string, keyId: string, boundTo: string): string {
    const key = this.keys.get(keyId);
    if (!key) {
      throw new TokenDecryptionError(
        `A stored Slack token was encrypted under key ${keyId}, which is neither TOKEN_ENCRYPTION_KEY (key ${this.currentKeyId}) nor one of TOKEN_ENCRYPTION_PREVIOUS_KEYS: set the key it was encrypted under as one of them.`,
        true,
      );
    }
    const [iv, tag, ciphertext] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    try {
      if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !ciphertext) throw new Error('not a sealed value');
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenDecryptionError(
        `A stored Slack token does not open under key ${keyId}: the stored value was altered or belongs to another installation.`,
        false,
      );
    }
  }
}
