import { Client } from 'pg';
import { Database } from '../../src/db/database';
import { openDatabase } from '../../src/domain/appDatabase';
import { startChildApplication, type ChildApplication } from '../support/childApplication';
import { cleanUpAfterThisFile } from '../support/cleanUp';
import { FakeSendGridApi } from '../support/fakeSendGridApi';
import { FakeSlackWebApi } from '../support/fakeSlackWebApi';
import { describeWithPostgres } from '../requirements/describeWith';
import { createScratchDatabase } from '../support/postgres';
import { interactionBody, postToSlackEndpoint, viewSubmissionPayload } from '../support/signedSlackRequests';
import { eventually, outboxSettled, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/testApplication';
import { scheduleModalState } from '../slack/integration/slackTestHarness';

const INTERVIEWS_PER_REPLICA_AND_DOOR = 60;
const CONTESTED_SLOTS = 20;
const REMINDED_INTERVIEWS = 30;
/** The reminder under test: interviews starting this long (plus a few seconds) after they are scheduled get it at once. */
const REMINDER_BEFORE = 'PT2M55S';
const REMINDER_BEFORE_MS = 175_000;

let replicas: ChildApplication[] = [];
let sendGrid: FakeSendGridApi;
let slack: FakeSlackWebApi;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
/** The replicas' database, opened by the test too, to wait for their shared outbox to settle. */
let shared: Database;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  sendGrid = await FakeSendGridApi.start();
  slack = await FakeSlackWebApi.start();
  const env = {
    DATABASE_URL: scratch.url,
    SENDGRID_API_KEY: sendGrid.apiKey,
    SENDGRID_API_URL: sendGrid.url,
    MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    LOG_LEVEL: 'warn',
    DELIVERY_POLL_INTERVAL_MS: '20',
    CANDIDATE_REMINDERS: `P1D,${REMINDER_BEFORE}`,
    API_RATE_LIMIT_PER_MINUTE: '0',
  };
  replicas = await Promise.all([
    startChildApplication({ ...env, LOG_LEVEL: 'info' }),
    startChildApplication({ ...env, LOG_LEVEL: 'info' }),
  ]);
  shared = new Database(await openDatabase({ kind: 'postgres', url: scratch.url }));
  cleanUpAfterThisFile(() => shared.close());
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
  await sendGrid?.close();
  await slack?.close();
  await scratch?.drop();
});

describeWithPostgres('two replicas on one PostgreSQL database', () => {
  it('send every invitation exactly once and never book a slot twice', async () => {
    const [first, second] = replicas as [ChildApplication, ChildApplication];
    const slotsResponse = await fetch(`${first.url}/api/slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        slots: Array.from({ length: CONTESTED_SLOTS }, (_, index) => ({
          startsAt: new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (index + 24) * 3_600_000).toISOString(),
          durationMinutes: 30,
          interviewer: 'U0ADA',
        })),
      }),
    });
    const slotIds = ((await slotsResponse.json()) as { slots: Array<{ id: string }> }).slots.map((slot) => slot.id);

    const viaApi = (replica: ChildApplication, email: string, slotId?: string) =>
      fetch(`${replica.url}/api/interviews`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ candidateName: 'Replica Candidate', candidateEmail: email, ...(slotId ? { slotId } : {}) }),
      }).then((response) => response.status);
    /** A recruiter pressing Schedule, and again on the same form when told it took too long (the machine is busy). */
    const viaSlack = async (replica: ChildApplication, email: string) => {
      const body = interactionBody(
        viewSubmissionPayload({
          callbackId: 'schedule_interview',
          viewId: `VREPLICA-${email}`,
          privateMetadata: JSON.stringify({ channelId: 'C0REPLICAS' }),
          values: scheduleModalState({ name: 'Slack Replica Candidate', email }),
        }),
      );
      for (let attempt = 1; ; attempt += 1) {
        const response = await postToSlackEndpoint(replica.url, body, { signingSecret: TEST_SIGNING_SECRET });
        if (response.status === 200 && response.text === '') return 201;
        if (attempt === 5 || response.status !== 200 || !/press .+ again/.test(response.text)) return response.status;
      }
    };

    const requests: Array<Promise<number>> = [];
    const emails: string[] = [];
    for (let index = 0; index < INTERVIEWS_PER_REPLICA_AND_DOOR; index += 1) {
      for (const [name, replica] of [
        ['a', first],
        ['b', second],
      ] as const) {
        emails.push(`api-${name}-${index}@example.com`, `slack-${name}-${index}@example.com`);
        requests.push(viaApi(replica, `api-${name}-${index}@example.com`), viaSlack(replica, `slack-${name}-${index}@example.com`));
      }
    }
    const contested = slotIds.flatMap((slotId, index) => [
      viaApi(first, `slot-a-${index}@example.com`, slotId),
      viaApi(second, `slot-b-${index}@example.com`, slotId),
    ]);
    const statuses = await Promise.all(requests);
    const slotStatuses = await Promise.all(contested);
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    expect(slotStatuses.filter((status) => status === 201)).toHaveLength(CONTESTED_SLOTS);
    expect(slotStatuses.filter((status) => status === 400)).toHaveLength(CONTESTED_SLOTS);

    // Each booked slot's interviewer (U0ADA, whose address Slack shares) gets their copy too.
    const expectedMails = emails.length + CONTESTED_SLOTS + CONTESTED_SLOTS;
    await eventually(() => sendGrid.accepted.length >= expectedMails, `${expectedMails} invitations`, 30_000);
    await outboxSettled(shared, 15_000);
    const perRecipient = new Map<string, number>();
    for (const mail of sendGrid.accepted) {
      const to = mail.body.personalizations[0].to[0].email;
      perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
    expect(sendGrid.accepted).toHaveLength(expectedMails);
    expect(perRecipient.get('u0ada@slack-users.example')).toBe(CONTESTED_SLOTS);
    perRecipient.delete('u0ada@slack-users.example');
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    for (const email of emails) expect(perRecipient.get(email)).toBe(1);

    const database = new Client({ connectionString: scratch!.url });
    await database.connect();
    try {
      const doubleBooked = await database.query(
        `SELECT "slotId", COUNT(*) FROM "interview" WHERE "slotId" IS NOT NULL GROUP BY "slotId" HAVING COUNT(*) > 1`,
      );
      expect(doubleBooked.rows).toEqual([]);
      const booked = await database.query<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM "availability_slot" WHERE "bookedInterviewId" IS NOT NULL`,
      );
      expect(booked.rows[0].n).toBe(CONTESTED_SLOTS);
    } finally {
      await database.end();
    }
    const workersThatDelivered = replicas.filter((replica) => replica.logs.some((entry) => entry.msg === 'Delivered'));
    expect(workersThatDelivered).toHaveLength(2);
    const channelPosts = () =>
      slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0REPLICAS' && !call.args.thread_ts);
    await eventually(() => channelPosts().length >= emails.length / 2, 'one channel post per Slack interview', 15_000);
    await outboxSettled(shared, 15_000);
    expect(channelPosts()).toHaveLength(emails.length / 2);
  }, 120_000);

  it('send each candidate reminder once, whichever replica takes it', async () => {
    const [first, second] = replicas as [ChildApplication, ChildApplication];
    const start = new Date(Date.now() + REMINDER_BEFORE_MS + 3000).toISOString();
    const statuses = await Promise.all(
      Array.from({ length: REMINDED_INTERVIEWS }, (_, index) =>
        fetch(`${(index % 2 === 0 ? first : second).url}/api/interviews`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            candidateName: 'Reminded Candidate',
            candidateEmail: `reminded-${index}@example.com`,
            scheduledTime: start,
          }),
        }).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    const reminders = () =>
      sendGrid.accepted.filter(
        (mail) => String(mail.body.subject).startsWith('Reminder') && mail.body.personalizations[0].to[0].email.startsWith('reminded-'),
      );
    await eventually(() => reminders().length >= REMINDED_INTERVIEWS, `${REMINDED_INTERVIEWS} reminders`, 30_000);
    await outboxSettled(shared, 15_000);
    const recipients = reminders().map((mail) => mail.body.personalizations[0].to[0].email);
    expect(recipients).toHaveLength(REMINDED_INTERVIEWS);
    expect(new Set(recipients).size).toBe(REMINDED_INTERVIEWS);
  }, 60_000);
});
