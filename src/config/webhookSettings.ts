/** Where webhook events go and the key that signs them (WEBHOOK_URL, WEBHOOK_SECRET). */
export interface WebhookSettings {
  url: string;
  /** The secret's bytes: what follows `whsec_`, base64-decoded, as the Standard Webhooks spec defines it. */
  signingKey: Buffer;
}

/** The Standard Webhooks spec's bounds on a signing secret's length, in bytes. */
export const WEBHOOK_SECRET_MIN_BYTES = 24;
export const WEBHOOK_SECRET_MAX_BYTES = 64;

const WEBHOOK_SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Reads WEBHOOK_SECRET (`whsec_` then base64) into its key's bytes, or says in a sentence what is wrong with it. */
export function readWebhookSecret(value: string): { signingKey: Buffer } | { problem: string } {
  const example = `e.g. whsec_$(openssl rand -base64 32)`;
  if (!value.startsWith(WEBHOOK_SECRET_PREFIX)) {
    return { problem: `must start with ${WEBHOOK_SECRET_PREFIX} followed by base64 (${example}); it is one you make up and give the receiver` };
  }
  const encoded = value.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) return { problem: `must be ${WEBHOOK_SECRET_PREFIX} followed by standard base64 (${example})` };
  const signingKey = Buffer.from(encoded, 'base64');
  if (signingKey.length < WEBHOOK_SECRET_MIN_BYTES || signingKey.length > WEBHOOK_SECRET_MAX_BYTES) {
    return {
      problem: `must hold ${WEBHOOK_SECRET_MIN_BYTES} to ${WEBHOOK_SECRET_MAX_BYTES} bytes after ${WEBHOOK_SECRET_PREFIX} (it holds ${signingKey.length}; ${example})`,
    };
  }
  return { signingKey };
}
