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

/** Someone needed at the time asked for is busy then (another interview of theirs, or their calendar): `409 interviewers_busy`. */
export class InterviewersBusyError extends Error {
  constructor(
    readonly busy: Array<{ interviewer: string; startsAt: Date; endsAt: Date }>,
    message = 'Some interviewers are busy at that time.',
  ) {
    super(message);
    this.name = 'InterviewersBusyError';
  }
}

export class LoopNotFoundError extends Error {
  constructor() {
    super('No loop with that id.');
    this.name = 'LoopNotFoundError';
  }
}
