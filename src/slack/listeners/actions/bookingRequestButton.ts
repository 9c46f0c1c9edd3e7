import type { Actor } from '../../../domain/shared/actor';
import {
  BookingRequestClosedError,
  BookingRequestNotFoundError,
  NotAllowedError,
  RepeatedTooSoonError,
} from '../../../domain/shared/errors';
import { BookingRequestReplies } from '../../messages/bookingRequestReplies';
import { ButtonReplies } from '../../messages/buttonReplies';
import type { SlackDependencies } from '../../slackDependencies';
import { privatelyAnsweredButton, type ButtonArgs } from './privatelyAnsweredButton';

export type BookingRequestButtonArgs = ButtonArgs;

/** One click on a booking request's button: which request, and who clicked. */
export interface BookingRequestClick {
  bookingRequestId: string;
  actor: Extract<Actor, { kind: 'slack' }>;
}

/**
 * Acknowledges a booking request's button at once, runs its command, and tells the person
 * privately what came of it when there is something to say (a confirmation, or why not).
 */
export function bookingRequestButton(
  deps: SlackDependencies,
  run: (click: BookingRequestClick, args: BookingRequestButtonArgs) => Promise<string | null>,
) {
  return privatelyAnsweredButton(deps, bookingRequestRefusal, ({ value, actor }, args) => run({ bookingRequestId: value, actor }, args));
}

/** What the clicker is told when a booking request's command refuses. */
function bookingRequestRefusal(error: unknown): string | null {
  if (error instanceof NotAllowedError) return ButtonReplies.notAllowed(error.message);
  if (error instanceof BookingRequestNotFoundError) return BookingRequestReplies.requestGone;
  if (error instanceof BookingRequestClosedError || error instanceof RepeatedTooSoonError) return error.message;
  return null;
}
