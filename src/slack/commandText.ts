import * as chrono from 'chrono-node/en';
import { instantOfWallTime, isKnownTimeZone, offsetMinutesAt } from '../domain/shared/timeZones';
import type { ScheduleInterviewPrefill } from './views/scheduleInterviewModal';

export type ScheduleInterviewCommand = { kind: 'help' } | { kind: 'list' } | { kind: 'slots' } | { kind: 'schedule'; text: string };

const EMAIL = /[^\s<>@|"']+@[^\s<>@|"']+\.[^\s<>@|"']+/;

/** `/schedule-interview help | list | slots | [text to pre-fill the modal]` */
export function parseScheduleInterviewCommand(text: string | undefined): ScheduleInterviewCommand {
  const trimmed = (text ?? '').trim();
  const word = trimmed.toLowerCase();
  if (word === 'help' || word === '?' || word === '-h' || word === '--help') return { kind: 'help' };
  if (word === 'list' || word === 'upcoming') return { kind: 'list' };
  if (word === 'slots' || word === 'availability') return { kind: 'slots' };
  return { kind: 'schedule', text: trimmed };
}

/**
 * Reads free text such as `Jane Doe jane@example.com Backend Engineer tomorrow 3pm`: an email
 * address, the name before it, the role after it, and a time in words. The time is read in the
 * typing person's zone; without a zone it is left for them to pick.
 */
export function prefillFromCommandText(text: string, options: { timezone?: string; now: Date }): ScheduleInterviewPrefill {
  let remaining = unwrapSlackFormatting(text);
  const prefill: ScheduleInterviewPrefill = {};

  const zoneKnown = options.timezone !== undefined && isKnownTimeZone(options.timezone);
  const found = findTime(remaining, zoneKnown ? options.timezone! : 'UTC', options.now);
  if (found) {
    if (zoneKnown) prefill.scheduledTime = found.time;
    remaining = remaining.replace(found.text, ' ');
  }

  const email = EMAIL.exec(remaining);
  let before = remaining;
  let after = '';
  if (email) {
    prefill.candidateEmail = email[0];
    before = remaining.slice(0, email.index);
    after = remaining.slice(email.index + email[0].length);
  }
  const name = tidy(before);
  const role = tidy(after);
  if (name) prefill.candidateName = name.slice(0, 200);
  else if (email) prefill.candidateName = nameFromEmail(email[0]);
  if (role) prefill.role = role.slice(0, 200);
  return prefill;
}

function findTime(text: string, timezone: string, now: Date): { time: Date; text: string } | null {
  if (text.trim() === '') return null;
  const reference = { instant: now, timezone: offsetMinutesAt(timezone, now.getTime()) };
  const [result] = chrono.parse(text, reference, { forwardDate: true });
  if (!result) return null;
  const start = result.start;
  const time = instantOfWallTime(
    timezone,
    {
      year: start.get('year') ?? now.getUTCFullYear(),
      month: start.get('month') ?? now.getUTCMonth() + 1,
      day: start.get('day') ?? now.getUTCDate(),
      hour: start.get('hour') ?? 0,
      minute: start.get('minute') ?? 0,
    },
    now.getTime(),
  );
  return time ? { time, text: result.text } : null;
}

/** Slack may send `<mailto:a@b.c|a@b.c>` for an address; keep just the address. */
function unwrapSlackFormatting(text: string): string {
  return text.replace(/<mailto:([^|>]+)(?:\|[^>]*)?>/g, '$1').replace(/<([^|>]+)\|([^>]*)>/g, '$2');
}

function tidy(text: string): string {
  return text
    .replace(/["“”]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:-]+|[\s,;:-]+$/g, '')
    .trim();
}

/** `jane.doe@example.com` → `Jane Doe`, a starting point the recruiter can correct. */
function nameFromEmail(email: string): string {
  return email
    .split('@')[0]
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}
