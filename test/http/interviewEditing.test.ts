import * as ical from 'node-ical';
import { Interview } from '../../src/domain/interviews/Interview';
import { describeOnEachDatabase, type TestDatabase } from '../requirements/eachDatabase';
import { attachmentText, htmlPart, textPart, type RecordedMail } from '../support/fakeSendGridApi';
import { eventually } from '../support/testApplication';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

interface InterviewJson {
  id: string;
  candidateName: string;
  candidateEmail: string;
  role: string | null;
  notes: string | null;
  scheduledTime: string;
  durationMinutes: number;
  sessionKey: string;
  interviewLink: string;
  interviewers: Array<{ slackUserId?: string; email?: string }>;
}

interface ErrorJson {
  error: { code: string; fields?: Record<string, string> };
}

const inHours = (hours: number) => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + hours * 3_600_000).toISOString();

function calendarEvent(mail: RecordedMail) {
  return Object.values(ical.sync.parseICS(attachmentText(mail, '.ics')!)).find((component) => component?.type === 'VEVENT') as ical.VEvent;
}

describeOnEachDatabase('editing an interview through PATCH /api/interviews/:id, and strict bodies', (openDatabase) => {
  let database: TestDatabase;
  let harness: SlackHarness;

  beforeAll(async () => {
    database = await openDatabase();
    harness = await startSlackHarness(database.env);
  });
  afterAll(async () => {
    await harness?.close();
    await database?.drop();
  });

  function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return fetch(`${harness.app.url}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  const mailTo = (email: string) => harness.sendGrid.mailTo(email);
  const countInterviews = () => harness.app.database.read((manager) => manager.count(Interview));

  /** An interview in a channel, with one email interviewer and one Slack interviewer, whose first deliveries are out. */
  async function schedule(candidateEmail: string, channelId: string): Promise<InterviewJson> {
    const response = await api('POST', '/interviews', {
      candidateName: 'Jane Doe',
      candidateEmail,
      role: 'Backend Engineer',
      channelId,
      interviewers: ['U0ADA', `kept-${candidateEmail}`],
      scheduledTime: inHours(48),
    });
    expect(response.status).toBe(201);
    const interview = (await response.json()) as InterviewJson;
    await eventually(() => mailTo(candidateEmail).length === 1 && mailTo(`kept-${candidateEmail}`).length === 1, 'the invitations');
    await harness.settle();
    return interview;
  }

  it('refuses unknown fields in every /api body, naming each, and stores nothing', async () => {
    const before = await countInterviews();
    const created = await api('POST', '/interviews', {
      candidateName: 'Jane',
      candidateEmail: 'strict@example.com',
      candidate_email: 'typo@example.com',
      startTime: inHours(30),
    });
    expect(created.status).toBe(400);
    const { error } = (await created.json()) as ErrorJson;
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields!).sort()).toEqual(['candidate_email', 'startTime']);
    expect(error.fields!.startTime).toMatch(/^Unknown field/);
    expect(await countInterviews()).toBe(before);

    const booking = await api('POST', '/booking-requests', {
      candidateName: 'Jane',
      candidateEmail: 'strict@example.com',
      slotIds: ['00000000-0000-4000-8000-000000000000'],
      expires: 'tomorrow',
    });
    expect(booking.status).toBe(400);
    expect(((await booking.json()) as ErrorJson).error.fields).toHaveProperty('expires');

    const slot = await api('POST', '/slots', { startsAt: inHours(30), durationMinutes: 30, interviewers: ['ada@example.com'], room: 'A' });
    expect(slot.status).toBe(400);
    expect(Object.keys(((await slot.json()) as ErrorJson).error.fields!)).toEqual(['room']);

    const interview = await schedule('strict-change@example.com', 'C0STRICT');
    for (const change of ['cancel', 'resend', 'rotate-link']) {
      const refused = await api('POST', `/interviews/${interview.id}/${change}`, { reason: 'typo' });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as ErrorJson).error.fields).toEqual({ reason: 'Unknown field: this request takes no body.' });
    }
    const edit = await api('PATCH', `/interviews/${interview.id}`, { candidateName: 'Janet', scheduled_time: inHours(50) });
    expect(edit.status).toBe(400);
    expect(Object.keys(((await edit.json()) as ErrorJson).error.fields!)).toEqual(['scheduled_time']);
    const stored = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(stored).toMatchObject({ candidateName: 'Jane Doe', status: 'scheduled' });
  });

  it('refuses a field given twice in one body, naming it, instead of keeping the last value unseen', async () => {
    const before = await countInterviews();
    const twice = await api(
      'POST',
      '/interviews',
      '{"candidateName":"Jane","candidateEmail":"twice@example.com","candidateEmail":"other@example.com"}',
    );
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as ErrorJson).error).toEqual({
      code: 'validation_failed',
      message: 'Some fields are missing or invalid.',
      fields: { candidateEmail: 'This field is given more than once in the body. Send it once.' },
    });
    expect(await countInterviews()).toBe(before);

    const interview = await schedule('twice-edit@example.com', 'C0TWICE');
    const edit = await api('PATCH', `/interviews/${interview.id}`, '{"role":"Staff","notes":"x","role":"Intern"}');
    expect(edit.status).toBe(400);
    expect(Object.keys(((await edit.json()) as ErrorJson).error.fields!)).toEqual(['role']);
    const slots = await api(
      'POST',
      '/slots',
      `{"slots":[{"startsAt":"${inHours(30)}","durationMinutes":30,"durationMinutes":60,"interviewers":["ada@example.com"]}]}`,
    );
    expect(slots.status).toBe(400);
    expect(Object.keys(((await slots.json()) as ErrorJson).error.fields!)).toEqual(['slots.0.durationMinutes']);
    const stored = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(stored).toMatchObject({ role: 'Backend Engineer', notes: null });
  });

  it('refuses a number written as text, as it refuses a number for text', async () => {
    const asText = await api('POST', '/interviews', {
      candidateName: 'Jane',
      candidateEmail: 'numbers@example.com',
      durationMinutes: '60',
    });
    expect(asText.status).toBe(400);
    expect(((await asText.json()) as ErrorJson).error.fields).toEqual({
      durationMinutes: 'Duration must be a number of minutes, like 45 (a number, not text).',
    });
    const asNumber = await api('POST', '/interviews', { candidateName: 42, candidateEmail: 'numbers@example.com', role: 7 });
    expect(asNumber.status).toBe(400);
    expect(Object.keys(((await asNumber.json()) as ErrorJson).error.fields!).sort()).toEqual(['candidateName', 'role']);
    const slot = await api('POST', '/slots', { startsAt: inHours(30), durationMinutes: '30', interviewers: ['ada@example.com'] });
    expect(slot.status).toBe(400);
    expect(((await slot.json()) as ErrorJson).error.fields).toHaveProperty('durationMinutes');
  });

  it('fixes a typo in the name and role: the candidate and interviewers get an update saying the details changed, the thread says which', async () => {
    const interview = await schedule('typo-name@example.com', 'C0TYPO');
    const since = Date.now();
    const response = await api('PATCH', `/interviews/${interview.id}`, { candidateName: 'Jane Doe-Smith', role: 'Staff Engineer' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      candidateName: 'Jane Doe-Smith',
      role: 'Staff Engineer',
      scheduledTime: interview.scheduledTime,
      interviewLink: interview.interviewLink,
    });
    const update = await eventually(() => mailTo('typo-name@example.com')[1], 'the update');
    expect(update.body.subject).toBe(`Updated details: your interview for Staff Engineer on ${update.body.subject.split(' on ')[1]}`);
    expect(textPart(update)).toContain('Hi Jane Doe-Smith,');
    expect(textPart(update)).toContain(interview.interviewLink);
    expect(htmlPart(update)).toContain(interview.interviewLink);
    expect(Number(calendarEvent(update).sequence)).toBe(Number(calendarEvent(mailTo('typo-name@example.com')[0]).sequence ?? 0) + 1);
    const interviewerUpdate = await eventually(() => mailTo('kept-typo-name@example.com')[1], "the interviewer's update");
    expect(interviewerUpdate.body.subject).toMatch(/^Updated details: interview with Jane Doe-Smith \(Staff Engineer\)/);
    const reply = await eventually(
      () => harness.slack.calls.find((call) => call.at >= since && call.args.channel === 'C0TYPO' && call.args.thread_ts),
      'the thread reply',
    );
    expect(String(reply.args.text)).toMatch(/^:pencil2: `candidateName`, `role` edited by /);
  });

  it('a corrected candidate address gets the invitation with a new link; the old one a cancellation with the link it had, which stops working', async () => {
    const interview = await schedule('wrong-address@example.com', 'C0ADDRESS');
    const response = await api('PATCH', `/interviews/${interview.id}`, { candidateEmail: 'right-address@example.com' });
    expect(response.status).toBe(200);
    const edited = (await response.json()) as InterviewJson;
    expect(edited.candidateEmail).toBe('right-address@example.com');
    expect(edited.interviewLink).not.toBe(interview.interviewLink);

    const invitation = await eventually(() => mailTo('right-address@example.com')[0], 'the invitation to the new address');
    expect(invitation.body.subject).toMatch(/^Your interview for Backend Engineer: /);
    expect(textPart(invitation)).toContain(edited.interviewLink);
    expect(htmlPart(invitation)).toContain(edited.interviewLink);
    const cancellation = await eventually(() => mailTo('wrong-address@example.com')[1], 'the cancellation to the old address');
    expect(cancellation.body.subject).toMatch(/^Cancelled: /);
    expect(textPart(cancellation)).not.toContain(edited.interviewLink);
    expect(calendarEvent(cancellation).uid).toBe(calendarEvent(mailTo('wrong-address@example.com')[0]).uid);
    expect(attachmentText(cancellation, '.ics')).toContain('METHOD:CANCEL');

    expect((await fetch(interview.interviewLink.replace('https://hire.acme.example', harness.app.url))).status).toBe(404);
    expect((await fetch(edited.interviewLink.replace('https://hire.acme.example', harness.app.url))).status).toBe(200);
    await harness.settle();
    expect(mailTo('wrong-address@example.com')).toHaveLength(2);
    expect(mailTo('right-address@example.com')).toHaveLength(1);
  });

  it('interviewers added get the invitation (and a Slack DM), those removed a cancellation; the rest an update', async () => {
    const interview = await schedule('panel@example.com', 'C0PANEL');
    const since = Date.now();
    const response = await api('PATCH', `/interviews/${interview.id}`, {
      interviewers: ['kept-panel@example.com', 'new-panel@example.com', 'U0GRACE'],
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as InterviewJson).interviewers).toEqual([
      { email: 'kept-panel@example.com' },
      { email: 'new-panel@example.com' },
      { slackUserId: 'U0GRACE' },
    ]);
    const added = await eventually(() => mailTo('new-panel@example.com')[0], "the new interviewer's invitation");
    expect(added.body.subject).toMatch(/^Interview with Jane Doe \(Backend Engineer\): /);
    const kept = await eventually(() => mailTo('kept-panel@example.com')[1], "the kept interviewer's update");
    expect(kept.body.subject).toMatch(/^Updated details: /);
    const dms = await eventually(() => {
      const calls = harness.slack.callsTo('chat.postMessage').filter((call) => call.at >= since);
      const toGrace = calls.find((call) => call.args.channel === 'D0GRACE');
      const toAda = calls.find((call) => call.args.channel === 'D0ADA');
      return toGrace && toAda ? { toGrace, toAda } : undefined;
    }, 'the DMs to the added and removed Slack interviewers');
    expect(String(dms.toGrace.args.text)).toMatch(/^:calendar: You're interviewing \*Jane Doe\*/);
    expect(String(dms.toAda.args.text)).toMatch(/^:no_entry_sign: The interview with \*Jane Doe\*/);
    const removed = await eventually(
      () => mailTo('u0ada@slack-users.example').find((mail) => mail.acceptedAt >= since),
      "the removed interviewer's cancellation",
    );
    expect(removed.body.subject).toMatch(/^Cancelled: interview with Jane Doe/);
    expect(attachmentText(removed, '.ics')).toContain('METHOD:CANCEL');
    const candidateUpdate = await eventually(() => mailTo('panel@example.com')[1], "the candidate's update");
    expect(candidateUpdate.body.subject).toMatch(/^Updated details: /);
  });

  it('edits the time and a detail in one request, and notes alone tell only the channel', async () => {
    const interview = await schedule('both@example.com', 'C0BOTH');
    const newTime = inHours(72);
    const both = await api('PATCH', `/interviews/${interview.id}`, { scheduledTime: newTime, durationMinutes: 60, role: 'Lead' });
    expect(both.status).toBe(200);
    expect(await both.json()).toMatchObject({ scheduledTime: newTime, durationMinutes: 60, role: 'Lead' });
    const update = await eventually(() => mailTo('both@example.com')[1], 'the update');
    expect(update.body.subject).toMatch(/^Updated: your interview for Lead is now /);
    await harness.settle();

    const since = Date.now();
    const notes = await api('PATCH', `/interviews/${interview.id}`, { notes: 'Ask about Rust' });
    expect(notes.status).toBe(200);
    expect(((await notes.json()) as InterviewJson).notes).toBe('Ask about Rust');
    await eventually(
      () => harness.slack.calls.find((call) => call.at >= since && call.args.channel === 'C0BOTH' && call.args.thread_ts),
      'the thread reply',
    );
    await harness.settle();
    expect(mailTo('both@example.com')).toHaveLength(2);

    const cleared = await api('PATCH', `/interviews/${interview.id}`, { role: null, notes: '' });
    expect(await cleared.json()).toMatchObject({ role: null, notes: null });
  });

  it('names every bad field of an edit at once, and changes nothing', async () => {
    const interview = await schedule('bad-edit@example.com', 'C0BADEDIT');
    const response = await api('PATCH', `/interviews/${interview.id}`, {
      candidateName: '',
      candidateEmail: 'not an address',
      interviewers: ['nobody'],
      durationMinutes: 3,
    });
    expect(response.status).toBe(400);
    expect(Object.keys(((await response.json()) as ErrorJson).error.fields!).sort()).toEqual([
      'candidateEmail',
      'candidateName',
      'durationMinutes',
      'interviewers',
    ]);
    expect((await api('PATCH', `/interviews/${interview.id}`, {})).status).toBe(400);
    const stored = await harness.app.database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(stored).toMatchObject({ candidateName: 'Jane Doe', candidateEmail: 'bad-edit@example.com', calendarSequence: 0 });
  });

  it('answers a retried edit with the same Idempotency-Key as the first, sending nothing more; another body with that key is refused', async () => {
    const interview = await schedule('retry-edit@example.com', 'C0RETRY');
    const key = `edit-${interview.id}`;
    const first = await api(
      'PATCH',
      `/interviews/${interview.id}`,
      { candidateEmail: 'retry-fixed@example.com' },
      { 'Idempotency-Key': key },
    );
    expect(first.status).toBe(200);
    const again = await api(
      'PATCH',
      `/interviews/${interview.id}`,
      { candidateEmail: 'retry-fixed@example.com' },
      { 'Idempotency-Key': key },
    );
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await api('PATCH', `/interviews/${interview.id}`, { candidateEmail: 'other@example.com' }, { 'Idempotency-Key': key });
    expect(other.status).toBe(409);
    await eventually(() => mailTo('retry-fixed@example.com')[0], 'the invitation');
    await harness.settle();
    expect(mailTo('retry-fixed@example.com')).toHaveLength(1);
    expect(mailTo('retry-edit@example.com')).toHaveLength(2);
    expect(mailTo('other@example.com')).toHaveLength(0);
  });

  it('says a rotated link changed, not that the interview moved to the same time', async () => {
    const interview = await schedule('rotated@example.com', 'C0ROTATED');
    expect((await api('POST', `/interviews/${interview.id}/rotate-link`)).status).toBe(200);
    const update = await eventually(() => mailTo('rotated@example.com')[1], 'the new link email');
    expect(update.body.subject).toMatch(/^New link for your interview for Backend Engineer on /);
    expect(textPart(update)).toContain('The link to join your interview for Backend Engineer has changed; the old link no longer works.');
    const interviewerCopy = await eventually(() => mailTo('kept-rotated@example.com')[1], "the interviewer's copy");
    expect(interviewerCopy.body.subject).toMatch(/^New join link: interview with Jane Doe/);
  });
});
