/** One problem with one field of the input, phrased for the person who typed it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The input cannot be used as given; nothing was changed. Each surface shows `problems` its own way. */
export class InputValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'InputValidationError';
  }

  static forField(field: string, message: string): InputValidationError {
    return new InputValidationError([{ field, message }]);
  }
}

export class InterviewNotFoundError extends Error {
  constructor() {
    super('No interview with that id.');
    this.name = 'InterviewNotFoundError';
  }
}

/** The same idempotency key was used before for a different request (another body, action, interview or booking request). */
export class IdempotencyConflictError extends Error {
  constructor(
    /** The interview or booking request the key was first used for. */
    readonly firstTargetId: string,
  ) {
    super('This Idempotency-Key was already used for a different request.');
    this.name = 'IdempotencyConflictError';
  }
}

/** The person asking may not change this interview. */
export class NotAllowedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAllowedError';
  }
}

/** The interview was cancelled, so it can no longer be changed. */
export class InterviewCancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterviewCancelledError';
  }
}

/** The same change was asked for moments ago, e.g. "Resend invite" clicked twice. */
export class RepeatedTooSoonError extends Error {
  constructor(
    message: string,
    /** When asking again makes sense. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RepeatedTooSoonError';
  }
}

export class BookingRequestNotFoundError extends Error {
  constructor() {
    super('No booking request with that id.');
    this.name = 'BookingRequestNotFoundError';
  }
}

/** The booking request was booked, has expired or was cancelled, so it can no longer be changed that way. */
export class BookingRequestClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BookingRequestClosedError';
  }
}

export class SlotNotFoundError extends Error {
  constructor() {
    super('No availability slot with that id.');
    this.name = 'SlotNotFoundError';
  }
}

/** The slot is booked by an interview, so it can no longer be changed or withdrawn. */
export class SlotBookedError extends Error {
  constructor(readonly interviewId: string) {
    super(`This slot is booked (interview ${interviewId}); reschedule or cancel that interview instead.`);
    this.name = 'SlotBookedError';
  }
}

/** A stretch of a proposed time at which an interviewer's calendar shows them busy. */
export interface BusyInterviewer {
  /** As the interview names them: a Slack user id or an address. */
  interviewer: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Someone needed at the time asked for is busy then: their calendar (only the providers' busy
 * periods count), or, for a pool or a loop, another interview of theirs. Asking again with
 * `allowConflicts: true` (or, from Slack, submitting the same form again) schedules anyway.
 */
export class InterviewersBusyError extends Error {
  constructor(
    readonly busy: BusyInterviewer[],
    message = `At this time the calendar of ${[...new Set(busy.map((each) => each.interviewer))].join(', ')} shows them busy. Pick another time, or send "allowConflicts": true to schedule anyway.`,
  ) {
    super(message);
    this.name = 'InterviewersBusyError';
  }
}

/** How one interviewer's calendar was read, as answers that offer (or refuse) times say it. */
export interface CalendarStateOfInterviewer {
  interviewer: string;
  status: 'read' | 'unavailable' | 'none';
  reason?: string;
}

/** A booking request asked to offer the panel's free times (`findTimes`), and there is none in its window. */
export class NoFreeTimesError extends Error {
  constructor(readonly calendars: CalendarStateOfInterviewer[]) {
    const unreadable = calendars.filter((calendar) => calendar.status === 'unavailable');
    super(
      unreadable.length > 0
        ? `No free time for the whole panel: the calendar of ${unreadable.map((calendar) => calendar.interviewer).join(', ')} cannot be read, so their time is unknown.`
        : 'No free time for the whole panel in this window. Look further ahead (findTimes.to), or change the interviewers.',
    );
    this.name = 'NoFreeTimesError';
  }
}

export class LoopNotFoundError extends Error {
  constructor() {
    super('No loop with that id.');
    this.name = 'LoopNotFoundError';
  }
}
