/** What people read in Slack when something did not work: whether anything was lost, and what to do. */
export const FailureNotes = {
  /** The database is briefly unreachable; next to a modal's first field, the modal staying open with everything typed. */
  couldNotSaveNow:
    "We couldn't save this right now: our database is briefly unavailable. Everything you typed is still here, so press the button again in a moment.",
  /** The same, privately, after a button click. */
  couldNotChangeNow: ":hourglass: I couldn't do that right now: our database is briefly unavailable. Please try again in a moment.",
  /** The same, privately, after `/schedule-interview list`. */
  couldNotListNow:
    ":hourglass: I couldn't load your interviews right now: our database is briefly unavailable. Please try again in a moment.",
  /**
   * A modal's work ran out of Slack's 3 seconds while the database was up (the app was busy). The
   * work may still finish; pressing the button again finds it by the modal's id instead of
   * doing it twice. Next to the modal's first field, the modal staying open with everything typed.
   */
  tookTooLong: (button: string) =>
    `This took too long, so it could not be confirmed in time. Nothing was lost: everything you typed is still here, so press ${button} again.`,
  /** The app was too busy to send a command's form to Slack within the 3 seconds its trigger lasts. */
  formNotOpenedInTime: (command: string) =>
    `:hourglass: The form could not be opened in time, so it did not appear. Nothing was saved: type \`${command}\` again.`,
  /** The same, for a form a button opens. */
  formNotOpenedInTimeAfterClick:
    ':hourglass: The form could not be opened in time, so it did not appear. Nothing was changed: click the button again.',
  /** Slack refused to open a form: the command's trigger expired (Slack keeps it 3 seconds) or was used. */
  formTriggerExpired: (command: string) =>
    `:hourglass: Slack took too long to open the form, so it did not appear. Nothing was saved: type \`${command}\` again.`,
  /** Slack's API could not be reached, or refused for another reason (logged with its details). */
  couldNotOpenForm: (command: string) =>
    `:warning: I couldn't open the form: Slack did not let me. Nothing was saved; please type \`${command}\` again in a moment.`,
  /** A bug (logged with its details); in a modal, which stays open. */
  unexpectedInModal: 'Something went wrong on our side and nothing was saved. Please press the button again.',
  /** A bug (logged with its details), privately after a button click. */
  unexpectedAfterClick: 'Something went wrong on our side and nothing was changed. Please try again.',
} as const;
