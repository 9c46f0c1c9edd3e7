export const USAGE_TEXT = [
  '*Schedule an interview*',
  '`/schedule-interview` opens a form for the candidate’s details.',
  '`/schedule-interview jane@example.com Backend Engineer tomorrow 3pm` fills it in for you: the email, the name before it, the role after it, and a time in words (read in your Slack time zone).',
  'Leave the time empty and the interview goes about an hour from now, rounded up to 5 minutes.',
  '`/schedule-interview list` shows your upcoming interviews, with buttons to reschedule, cancel or resend.',
  '`/schedule-interview slots` offers your availability, several start times at once; recruiters then pick a slot in the form.',
  'Or let the candidate pick: choose slots under “Let the candidate choose from” and leave the time empty. They are emailed a link to book one themselves, and the interview is made when they do.',
  '`/schedule-interview help` shows this message.',
].join('\n');
