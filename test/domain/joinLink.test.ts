import { buildJoinLink, generateSessionKey, isWellFormedSessionKey } from '../../src/domain/interviews/joinLink';

describe('session keys and join links (R2, R3)', () => {
  it('makes keys of 32 lowercase hex characters', () => {
    expect(generateSessionKey()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('makes a different key every time', () => {
    const keys = new Set(Array.from({ length: 1000 }, generateSessionKey));
    expect(keys.size).toBe(1000);
  });

  it('carries the 122 random bits of a v4 UUID', () => {
    const key = generateSessionKey();
    expect(key[12]).toBe('4');
    expect('89ab').toContain(key[16]);
  });

  it('builds the link from the public base URL', () => {
    expect(buildJoinLink('https://hire.acme.com', 'a'.repeat(32))).toBe(`https://hire.acme.com/interview/?session_key=${'a'.repeat(32)}`);
  });

  it('does not double the slash when the base URL ends with one', () => {
    expect(buildJoinLink('https://hire.acme.com/', 'b'.repeat(32))).toBe(`https://hire.acme.com/interview/?session_key=${'b'.repeat(32)}`);
  });

  it('recognises only well-formed keys', () => {
    expect(isWellFormedSessionKey('0123456789abcdef0123456789abcdef')).toBe(true);
    expect(isWellFormedSessionKey('0123456789ABCDEF0123456789ABCDEF')).toBe(false);
    expect(isWellFormedSessionKey('short')).toBe(false);
    expect(isWellFormedSessionKey(['0123456789abcdef0123456789abcdef'])).toBe(false);
    expect(isWellFormedSessionKey(undefined)).toBe(false);
  });
});
