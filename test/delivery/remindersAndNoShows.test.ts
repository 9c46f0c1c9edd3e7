import * as ical from 'node-ical';
import { attachmentText, htmlPart, textPart, type RecordedMail } from '../support/fakeSendGridApi';
import { postToSlackEndpoint } from '../support/signedSlackRequests';
import { eventually, movableClock, TEST_SIGNING_SECRET } from '../support/testApplication';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

/** Reminders go out this long before the start; the tests move the app's clock to their moment instead of waiting. */
const REMINDER_BEFORE = 'PT2M55S';
const REMINDER_BEFORE_MS = 175_000;
const NO_SHOW_ALERT_AFTER_MS = 1000;

let harness: SlackHarness;
const clock = movableClock();

beforeAll(async () => {
  harness = await startSlackHarness(
    {
      CANDIDATE_REMINDERS: `P1D,${REMINDER_BEFORE}`,
      INTERVIEWER_REMINDER: REMINDER_BEFORE,
      NO_SHOW_ALERT_AFTER: 'PT1S',
    },
    { now: clock.now },
  );
});
afterAll(async () => {
  await harness?.close();
});

interface InterviewJson {
  id: string;
  scheduledTime: string;
  sessionKey: string;
  interviewLink: string;
}

/** The app's time, `ms` from now. */
const inMs = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();

/** A start whose reminders fall due `secondsToReminder` from now, by the app's clock. */
const startWithReminderIn = (secondsToReminder: number) =>
  new Date(Math.ceil((clock.now().getTime() + REMINDER_BEFORE_MS + secondsToReminder * 1000) / 1000) * 1000).toISOString();

/** Moves the app's clock to `ms` after `instant` (unless it is there already) and lets the worker look, instead of waiting. */
function moveClockTo(instant: string, ms = 0) {
  const ahead = new Date(instant).getTime() + ms - clock.now().getTime();
  if (ahead > 0) clock.moveAhead(ahead);
  harness.app.worker.wake();
}

/** Moves the app's clock to the reminders' moment of an interview starting at `start`. */
const moveClockToRemindersOf = (start: string) => moveClockTo(start, -REMINDER_BEFORE_MS);

async function create(body: Record<string, unknown>): Promise<InterviewJson> {
  const response = await fetch(`${harness.app.url}/api/interviews`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ candidateName: 'Reminded Candidate', role: 'Data Engineer', timezone: 'America/New_York', ...body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as InterviewJson;
}

function change(method: string, path: string, body?: unknown) {
  return fetch(`${harness.app.url}/api/interviews/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const remindersTo = (email: string) => harness.sendGrid.mailTo(email).filter((mail) => String(mail.body.subject).startsWith('Reminder'));

function calendarEvent(mail: RecordedMail) {
  return Object.values(ical.sync.parseICS(attachmentText(mail, '.ics')!)).find((component) => component?.type === 'VEVENT') as ical.VEvent;
}

function attendees(mail: RecordedMail): string[] {
  const event = calendarEvent(mail);
  const list = Array.isArray(event.attendee) ? event.attendee : [event.attendee];
  return list.map((attendee) => String(typeof attendee === 'string' ? attendee : attendee?.val).replace(/^mailto:/i, '')).sort();
}

async function deliveriesOf(id: string) {
  const detail = (await (await fetch(`${harness.app.url}/api/interviews/${id}`)).json()) as {
    deliveries: Array<{ kind: string; status: string; nextAttemptAt: string; lastError: string | null }>;
  };
  return detail.deliveries;
}

describe('candidate reminders', () => {
  it('email the candidate at their moment: Reminder in the subject, the join link, the time in their zone, the calendar file', async () => {
    const interview = await create({ candidateEmail: 'remind-me@example.com', scheduledTime: startWithReminderIn(60) });
    await harness.settle();
    expect(remindersTo('remind-me@example.com')).toEqual([]);
    moveClockToRemindersOf(interview.scheduledTime);
    const reminder = await eventually(() => remindersTo('remind-me@example.com')[0], 'the reminder');
    expect(reminder.body.subject).toMatch(/^Reminder: your interview for Data Engineer starts in 3 minutes, .* \(New York time\)$/);
    expect(textPart(reminder)).toContain(interview.interviewLink);
    expect(htmlPart(reminder)).toContain(`href="${interview.interviewLink}"`);
    expect(textPart(reminder)).toMatch(/When: .* \(New York time\)/);
    expect(new Date(calendarEvent(reminder).start as unknown as Date).toISOString()).toBe(interview.scheduledTime);
    // SendGrid has the mail a moment before the worker records it as delivered.
    const reminderStatuses = async () =>
      (await deliveriesOf(interview.id)).filter((delivery) => delivery.kind === 'candidate_reminder').map((delivery) => delivery.status);
    await eventually(async () => !(await reminderStatuses()).includes('in_flight'), 'the reminder’s outcome to be recorded');
    expect(await reminderStatuses()).toEqual(['delivered']);
    await harness.settle();
    expect(remindersTo('remind-me@example.com')).toHaveLength(1);
  });

  it('move with the interview when it is rescheduled', async () => {
    const interview = await create({ candidateEmail: 'remind-moved@example.com', scheduledTime: startWithReminderIn(60) });
    const newStart = startWithReminderIn(120);
    expect((await change('PATCH', interview.id, { scheduledTime: newStart })).status).toBe(200);
    moveClockToRemindersOf(interview.scheduledTime);
    await harness.settle();
    expect(remindersTo('remind-moved@example.com')).toEqual([]);
    moveClockToRemindersOf(newStart);
    const reminder = await eventually(() => remindersTo('remind-moved@example.com')[0], 'the moved reminder');
    expect(new Date(calendarEvent(reminder).start as unknown as Date).toISOString()).toBe(newStart);
    await harness.settle();
    expect(remindersTo('remind-moved@example.com')).toHaveLength(1);
  });

  it('are dropped when the interview is cancelled', async () => {
    const interview = await create({ candidateEmail: 'remind-cancelled@example.com', scheduledTime: startWithReminderIn(60) });
    expect((await change('POST', `${interview.id}/cancel`)).status).toBe(200);
    moveClockToRemindersOf(interview.scheduledTime);
    await harness.settle();
    expect(remindersTo('remind-cancelled@example.com')).toEqual([]);
    expect((await deliveriesOf(interview.id)).map((delivery) => delivery.kind)).not.toContain('candidate_reminder');
  });

  it('leave out a reminder whose moment has already passed when the interview is scheduled', async () => {
    const interview = await create({
      candidateEmail: 'remind-too-late@example.com',
      scheduledTime: inMs(60_000),
    });
    expect((await deliveriesOf(interview.id)).map((delivery) => delivery.kind)).not.toContain('candidate_reminder');
  });
});

describe('the interviewers', () => {
  it('get a Slack DM before the start, with the join link, the candidate’s name and the role', async () => {
    const interview = await create({
      candidateEmail: 'remind-team@example.com',
      interviewers: ['U0REMIND'],
      scheduledTime: startWithReminderIn(60),
    });
    moveClockToRemindersOf(interview.scheduledTime);
    const dm = await eventually(
      () =>
        harness.slack
          .callsTo('chat.postMessage')
          .find((call) => call.args.channel === 'D0REMIND' && String(call.args.text).startsWith(':alarm_clock:')),
      'the interviewer’s reminder',
    );
    expect(String(dm.args.text)).toContain('*Reminded Candidate*');
    expect(String(dm.args.text)).toContain('*Data Engineer*');
    expect(String(dm.args.text)).toContain(`<${interview.interviewLink}|Join link>`);
  });

  it('name a Slack interviewer only by a profile name fit to show: never one with a text-direction override', async () => {
    harness.slack.setUser('U0TRICK', { tz: 'Europe/Paris', real_name: 'Mallory \u202Egnp.exe', email: 'trick@acme.example' });
    await create({
      candidateEmail: 'trick-candidate@example.com',
      interviewers: ['U0TRICK'],
      scheduledTime: inMs(49 * 3_600_000),
    });
    const invitation = await eventually(() => harness.sendGrid.mailTo('trick@acme.example')[0], 'the invitation to the Slack interviewer');
    const everything = JSON.stringify(invitation.body) + attachmentText(invitation, '.ics');
    expect(everything).not.toContain('\u202E');
    expect(everything).not.toContain('\\u202e');
    // Their profile's display name (Slack's example profile: "spengler") stands in.
    expect(textPart(invitation)).toMatch(/^Hi spengler,/);
  });

  it('get the calendar invitation, its update and its cancellation by email, given by address or read from Slack', async () => {
    harness.slack.setUser('U0CAL', { tz: 'Europe/Paris', real_name: 'Cal Endar', email: 'cal@acme.example' });
    harness.slack.setUser('U0PRIVATE', { tz: 'Europe/Paris', email: null });
    const interview = await create({
      candidateEmail: 'calendar-candidate@example.com',
      interviewers: ['U0CAL', 'grace@acme.example', 'U0PRIVATE'],
      scheduledTime: inMs(48 * 3_600_000),
    });
    const forGrace = await eventually(
      () => harness.sendGrid.mailTo('grace@acme.example')[0],
      'the invitation to an interviewer given by address',
    );
    const forCal = await eventually(() => harness.sendGrid.mailTo('cal@acme.example')[0], 'the invitation to a Slack interviewer');
    const forCandidate = await eventually(() => harness.sendGrid.mailTo('calendar-candidate@example.com')[0], 'the candidate’s invitation');
    expect(forCal.body.subject).toMatch(/^Interview with Reminded Candidate \(Data Engineer\): .*\(Paris time\)$/);
    expect(textPart(forGrace)).toContain(interview.interviewLink);
    for (const mail of [forGrace, forCal, forCandidate]) {
      expect(attendees(mail)).toEqual(['cal@acme.example', 'calendar-candidate@example.com', 'grace@acme.example']);
      expect(calendarEvent(mail).uid).toBe(calendarEvent(forCandidate).uid);
      expect(String((calendarEvent(mail).organizer as { val: string }).val)).toMatch(/hiring@acme\.example$/i);
    }
    await harness.settle();
    const skipped = (await deliveriesOf(interview.id)).filter(
      (delivery) => delivery.kind === 'interviewer_invitation' && delivery.status === 'skipped',
    );
    expect(skipped.map((delivery) => delivery.lastError)).toEqual([expect.stringContaining('users:read.email')]);

    expect((await change('PATCH', interview.id, { scheduledTime: inMs(50 * 3_600_000) })).status).toBe(200);
    const update = await eventually(() => harness.sendGrid.mailTo('grace@acme.example')[1], 'the interviewer’s update');
    expect(update.body.subject).toMatch(/^Updated:/);
    expect(Number(calendarEvent(update).sequence)).toBe(1);
    expect((await change('POST', `${interview.id}/cancel`)).status).toBe(200);
    const cancellation = await eventually(() => harness.sendGrid.mailTo('cal@acme.example')[2], 'the interviewer’s cancellation');
    expect(attachmentText(cancellation, '.ics')).toContain('METHOD:CANCEL');
    expect(calendarEvent(cancellation).uid).toBe(calendarEvent(forCandidate).uid);
    expect(Number(calendarEvent(cancellation).sequence)).toBe(2);
  });
});

describe('the no-show alert', () => {
  const threadReplies = (channel: string) =>
    harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel && call.args.thread_ts);

  it('tells the thread, mentioning the interviewers, when the candidate has not opened the page, and then that they came late', async () => {
    const interview = await create({
      candidateEmail: 'no-show@example.com',
      channelId: 'C0NOSHOW',
      interviewers: ['U0ADA'],
      scheduledTime: inMs(60_000),
    });
    moveClockTo(interview.scheduledTime, NO_SHOW_ALERT_AFTER_MS);
    const alert = await eventually(
      () => threadReplies('C0NOSHOW').find((call) => String(call.args.text).includes('has not opened')),
      'the no-show alert',
    );
    expect(String(alert.args.text)).toContain('<@U0ADA>');
    expect(String(alert.args.text)).toContain('no-show@example.com');
    const post = harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0NOSHOW' && !call.args.thread_ts)!;
    expect(alert.args.thread_ts).toBeDefined();
    await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .find((call) => call.args.channel === 'C0NOSHOW' && JSON.stringify(call.args.blocks).includes('No-show')),
      'the channel message showing the no-show',
    );
    expect(post).toBeDefined();
    const detail = (await (await fetch(`${harness.app.url}/api/interviews/${interview.id}`)).json()) as { noShowAlertedAt: string | null };
    expect(detail.noShowAlertedAt).not.toBeNull();

    const opened = await fetch(`${harness.app.url}/interview/opened`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session_key: interview.sessionKey }),
    });
    expect(opened.status).toBe(204);
    await eventually(
      () => threadReplies('C0NOSHOW').find((call) => String(call.args.text).includes('after the no-show alert')),
      'the thread told the candidate came late',
    );
    await eventually(
      () =>
        harness.slack
          .callsTo('chat.update')
          .find((call) => call.args.channel === 'C0NOSHOW' && JSON.stringify(call.args.blocks).includes('opened their page late')),
      'the channel message showing they came late',
    );
  });

  it('stays quiet when the candidate opened the page in time', async () => {
    const interview = await create({
      candidateEmail: 'on-time@example.com',
      channelId: 'C0ONTIME',
      interviewers: ['U0ADA'],
      scheduledTime: inMs(60_000),
    });
    await fetch(`${harness.app.url}/interview/opened`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session_key: interview.sessionKey }),
    });
    moveClockTo(interview.scheduledTime, NO_SHOW_ALERT_AFTER_MS);
    const alert = await eventually(
      async () => (await deliveriesOf(interview.id)).find((delivery) => delivery.kind === 'no_show_alert' && delivery.status === 'skipped'),
      'the alert found moot',
    );
    expect(alert.lastError).toMatch(/opened their interview page/);
    expect(threadReplies('C0ONTIME').filter((call) => String(call.args.text).includes('has not opened'))).toEqual([]);
  });
});

describe('App Home and /schedule-interview list', () => {
  it('show each interview’s next reminder', async () => {
    await create({
      candidateEmail: 'listed@example.com',
      interviewers: ['U0LISTED'],
      scheduledTime: inMs(48 * 3_600_000),
    });
    await harness.command({ text: 'list', user_id: 'U0LISTED', response_url: harness.slack.responseUrl('list-U0LISTED') });
    const listed = await eventually(
      () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).includes('list-U0LISTED')),
      'the list',
    );
    expect(JSON.stringify(listed.args.blocks)).toMatch(/Next reminder <!date\^\d+\^.*the candidate, by email/);

    const body = JSON.stringify({
      token: 'legacy',
      team_id: 'T0FAKE',
      api_app_id: 'A0FAKE',
      type: 'event_callback',
      event_id: 'Ev0LISTED',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'U0LISTED', channel: 'D0LISTED', tab: 'home', event_ts: `${Date.now() / 1000}` },
    });
    const response = await postToSlackEndpoint(harness.app.url, body, {
      signingSecret: TEST_SIGNING_SECRET,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(200);
    const published = await eventually(
      () => harness.slack.callsTo('views.publish').find((call) => call.args.user_id === 'U0LISTED'),
      'App Home',
    );
    expect(JSON.stringify(published.args.view)).toMatch(/Next reminder <!date\^\d+\^.*the candidate, by email/);
  });
});
