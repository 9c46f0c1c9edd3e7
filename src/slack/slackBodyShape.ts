import { parse as parseForm } from 'node:querystring';

/** Bolt reads a body as a form only when the Content-Type is exactly this; anything else as JSON. */
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * Why a correctly signed body cannot be any request Slack sends this app, or undefined if it can
 * be: a slash command (form with `command`), an interaction (form with `payload`, one JSON object
 * with a `type`), an Events API callback (a JSON object with a `type`), or Slack's certificate probe.
 * Bolt matches no listener for anything else and holds the request 3 s before a 404; a JSON `null`
 * even throws outside its error handling and ends the process. So these get a 400 at once.
 */
export function whyNotASlackBody(contentType: string | undefined, body: Buffer): string | undefined {
  if (body.length === 0) return 'The body is empty.';
  const text = body.toString('utf8');
  if (contentType === FORM_CONTENT_TYPE) return whyNotASlackForm(parseForm(text));
  if (contentType?.split(';')[0]!.trim().toLowerCase() === 'application/json') {
    return isTypedObject(text) ? undefined : 'The JSON body is not an object with a "type".';
  }
  return `Slack sends ${FORM_CONTENT_TYPE} or application/json, not ${contentType ?? 'a body without a Content-Type'}.`;
}

function whyNotASlackForm(fields: Record<string, string | string[] | undefined>): string | undefined {
  if (fields.payload !== undefined) {
    return typeof fields.payload === 'string' && isTypedObject(fields.payload)
      ? undefined
      : 'The payload field is not one JSON object with a "type".';
  }
  if (typeof fields.command === 'string' || fields.ssl_check === '1') return undefined;
  return 'The form is neither a slash command nor an interaction payload.';
}

function isTypedObject(json: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return false;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
}
