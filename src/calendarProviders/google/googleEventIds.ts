/**
 * The id of the interview's event on any one calendar, chosen by the app: Google lets a client
 * name the events it creates (base32hex characters, 5 to 1024 of them, unique per calendar), and
 * answers 409 when the name is taken. So a create repeated after a lost answer finds the first
 * event instead of making a second, and the Meet job and the calendar-event job for the first
 * interviewer write the same event. Hex digits are base32hex characters.
 */
export function googleEventIdFor(interviewId: string): string {
  return `iv${Buffer.from(interviewId, 'utf8').toString('hex')}`;
}
