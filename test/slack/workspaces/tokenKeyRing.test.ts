import { createHash, randomBytes } from 'node:crypto';
import { TokenDecryptionError, TokenKeyRing, tokenKeyId } from '../../../src/slack/workspaces/tokenKeyRing';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const token = 'xoxb-1234-5678-abcdefghijklmnop';

describe('sealing Slack tokens with AES-256-GCM', () => {
  it('names a key by the first 8 hex digits of its SHA-256', () => {
    expect(tokenKeyId(newKey)).toBe(createHash('sha256').update(newKey).digest('hex').slice(0, 8));
    expect(new TokenKeyRing({ current: newKey, previous: [] }).currentKeyId).toBe(tokenKeyId(newKey));
  });

  it('opens what it sealed, and never shows the token in the sealed value', () => {
    const ring = new TokenKeyRing({ current: newKey, previous: [] });
    const { keyId, sealed } = ring.seal(token, 'team:T0ACME');
    expect(keyId).toBe(tokenKeyId(newKey));
    expect(sealed).not.toContain(token);
    expect(sealed).not.toContain(Buffer.from(token).toString('base64'));
    expect(ring.open(sealed, keyId, 'team:T0ACME')).toBe(token);
  });

  it('uses a fresh IV each time, so the same token never seals the same way twice', () => {
    const ring = new TokenKeyRing({ current: newKey, previous: [] });
    const first = ring.seal(token, 'team:T0ACME').sealed;
    const second = ring.seal(token, 'team:T0ACME').sealed;
    expect(first).not.toBe(second);
    expect(first.split('.')[0]).not.toBe(second.split('.')[0]);
    expect(Buffer.from(first.split('.')[0], 'base64url')).toHaveLength(12);
  });

  it('opens tokens sealed under a previous key, and seals new ones under the current key', () => {
    const sealedBefore = new TokenKeyRing({ current: oldKey, previous: [] }).seal(token, 'team:T0ACME');
    const ring = new TokenKeyRing({ current: newKey, previous: [oldKey] });
    expect(ring.open(sealedBefore.sealed, sealedBefore.keyId, 'team:T0ACME')).toBe(token);
    expect(ring.seal(token, 'team:T0ACME').keyId).toBe(tokenKeyId(newKey));
  });

  it('fails clearly for a key it was not given, naming the variables to set', () => {
    const sealed = new TokenKeyRing({ current: oldKey, previous: [] }).seal(token, 'team:T0ACME');
    const ring = new TokenKeyRing({ current: newKey, previous: [] });
    expect(ring.knows(sealed.keyId)).toBe(false);
    expect(() => ring.open(sealed.sealed, sealed.keyId, 'team:T0ACME')).toThrow(
      new TokenDecryptionError(
        `A stored Slack token was encrypted under key ${tokenKeyId(oldKey)}, which is neither TOKEN_ENCRYPTION_KEY (key ${tokenKeyId(newKey)}) nor one of TOKEN_ENCRYPTION_PREVIOUS_KEYS: set the key it was encrypted under as one of them.`,
        true,
      ),
    );
  });

  it('fails clearly when the wrong key is presented under the right key id', () => {
    const sealed = new TokenKeyRing({ current: oldKey, previous: [] }).seal(token, 'team:T0ACME');
    const impostor = new TokenKeyRing({ current: newKey, previous: [] });
    expect(() => impostor.open(sealed.sealed, impostor.currentKeyId, 'team:T0ACME')).toThrow(/does not open under key/);
  });

  it('refuses a sealed value that was altered, or moved onto another installation’s row', () => {
    const ring = new TokenKeyRing({ current: newKey, previous: [] });
    const { keyId, sealed } = ring.seal(token, 'team:T0ACME');
    const [iv, tag, ciphertext] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(() => ring.open([iv, tag, flipped.toString('base64url')].join('.'), keyId, 'team:T0ACME')).toThrow(TokenDecryptionError);
    expect(() => ring.open(sealed, keyId, 'team:T0OTHER')).toThrow(/altered or belongs to another installation/);
    expect(() => ring.open('not-sealed', keyId, 'team:T0ACME')).toThrow(TokenDecryptionError);
  });
});
