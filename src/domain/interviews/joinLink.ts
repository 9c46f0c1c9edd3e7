import { v4 as uuidv4 } from 'uuid';

const SESSION_KEY_PATTERN = /^[0-9a-f]{32}$/;

/** R2 (docs/rules.md): 128 random bits, as 32 lowercase hex characters (a v4 UUID without its dashes). */
export function generateSessionKey(): string {
  return uuidv4().replaceAll('-', '');
}

export function isWellFormedSessionKey(candidate: unknown): candidate is string {
  return typeof candidate === 'string' && SESSION_KEY_PATTERN.test(candidate);
}

/** R3: the one place a join link is made. */
export function buildJoinLink(publicBaseUrl: string, sessionKey: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/interview/?session_key=${sessionKey}`;
}
