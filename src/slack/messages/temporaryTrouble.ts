/** What people read in Slack while the database is briefly unreachable: nothing lost, try again. */
export const TemporaryTrouble = {
  /** Next to a modal's first field; the modal stays open with everything typed. */
  couldNotSave: "We couldn't save this right now: our database is briefly unavailable. Everything you typed is still here, so press the button again in a moment.",
  /** Privately, after a button click. */
  couldNotChange: ":hourglass: I couldn't do that right now: our database is briefly unavailable. Please try again in a moment.",
  /** Privately, after `/schedule-interview list`. */
  couldNotList: ":hourglass: I couldn't load your interviews right now: our database is briefly unavailable. Please try again in a moment.",
} as const;
