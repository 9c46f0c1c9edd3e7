import { z } from 'zod';

/** Someone on the hiring side: a Slack user, an email address, or both. */
export interface Interviewer {
  slackUserId?: string;
  email?: string;
  /** How to address them in an email, when known (Slack's real name). */
  name?: string;
}

export const MAX_EMAIL_LENGTH = 254;

/** A Slack user (`U…`) or Enterprise Grid user (`W…`) id. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/** A public (`C…`), private (`G…`) or direct-message (`D…`) channel id. */
export const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]{2,30}$/;

/**
 * An address SendGrid will take: one mailbox, no display name, no spaces or line breaks, a dotted
 * domain, and no longer than RFC 5321 allows.
 */
export const emailAddressSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'Email is required.' : 'Email must be text.') })
  .trim()
  .max(MAX_EMAIL_LENGTH, { message: `Email must be at most ${MAX_EMAIL_LENGTH} characters.` })
  .pipe(z.email({ message: 'Enter a valid email address, like jane@example.com.' }));

/** An address as lists compare it, whatever its case or surrounding spaces: stored so, and looked up so. */
export function normalizedEmailAddress(address: string): string {
  return address.trim().toLowerCase();
}

export function isSlackUserId(value: string): boolean {
  return SLACK_USER_ID.test(value);
}

/** Someone who interviews: a Slack user id or an email address, as the API and the slots take them. */
export function interviewerIdentitySchema(message: string) {
  return z
    .string({ message })
    .trim()
    .refine((value) => isSlackUserId(value) || emailAddressSchema.safeParse(value).success, { message });
}

/** Turns Slack ids and addresses into interviewers, once each (addresses compared without case). */
export function toInterviewers(identities: string[]): Interviewer[] {
  const unique = [...new Set(identities.map((value) => (isSlackUserId(value) ? value : value.toLowerCase())))];
  return unique.map((value) => (isSlackUserId(value) ? { slackUserId: value } : { email: value }));
}

/** True when `interviewers` already holds the person named by `identity` (a Slack id or an address). */
export function includesInterviewer(interviewers: Interviewer[], identity: string): boolean {
  return isSlackUserId(identity)
    ? interviewers.some((person) => person.slackUserId === identity)
    : interviewers.some((person) => person.email?.toLowerCase() === identity.toLowerCase());
}
