import { createHmac } from 'node:crypto';

/**
 * The `webhook-signature` header's value under the Standard Webhooks spec
 * (https://www.standardwebhooks.com/): `v1,` then the base64 HMAC-SHA256, keyed with the secret's
 * bytes, of `<webhook-id>.<webhook-timestamp>.<body>`.
 */
export function signWebhook(signingKey: Buffer, webhookId: string, timestampSeconds: number, body: string): string {
  const signature = createHmac('sha256', signingKey).update(`${webhookId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${signature}`;
}
