import type { PlainTextOption } from '@slack/types';
import { DateTime } from 'luxon';
import type { AvailabilitySlot } from '../../db/entities/AvailabilitySlot';
import { describeDuration } from '../../presenters/interviewTime';

export const DURATION_CHOICES_MINUTES = [15, 30, 45, 60, 75, 90, 120, 180, 240];

export function durationOption(minutes: number): PlainTextOption {
  return { text: { type: 'plain_text', text: describeDuration(minutes) }, value: String(minutes) };
}

/** "Tue 5 Mar, 09:00 (30 min) · ada@acme.com", in the zone given. Slack caps option text at 75. */
export function slotOption(slot: AvailabilitySlot, zone: string): PlainTextOption {
  const start = DateTime.fromJSDate(slot.startsAt, { zone }).setLocale('en-US').toFormat('EEE d MMM, HH:mm');
  return {
    text: { type: 'plain_text', text: `${start} (${slot.durationMinutes} min) · ${slot.interviewer}`.slice(0, 75) },
    value: slot.id,
  };
}
