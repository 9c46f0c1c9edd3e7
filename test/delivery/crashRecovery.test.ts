import { join } from 'node:path';
import { Database } from '../../src/db/database';
import { DeliveryJob, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { openDatabase } from '../../src/domain/appDatabase';
import { startChildApplication } from '../support/childApplication';
import { cleanUpAfterThisFile, temporaryFolder } from '../support/cleanUp';
import { FakeSendGridApi } from '../support/fakeSendGridApi';
import { eventually, outboxSettled } from '../support/testApplication';

/**
 * The app as its own process (`node dist/src/main.js`), killed, restarted, or split in two: slow,
 * so `npm run test:slow` runs it (see jest.config.js).
 */

const createViaApi = async (baseUrl: string, email: string) => {
  const response = await fetch(`${baseUrl}/api/interviews`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ candidateName: 'Reliable Candidate', candidateEmail: email }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; interviewLink: string };
};

/** The SQLite database the child processes share, opened by the test too, to wait for their outbox to settle. */
async function openSharedDatabase(path: string): Promise<Database> {
  const database = new Database(await openDatabase({ kind: 'sqlite', path }));
  cleanUpAfterThisFile(() => database.close());
  return database;
}

describe('crashes', () => {
  let sendGrid: FakeSendGridApi;
  let folder: string;

  beforeAll(async () => {
    sendGrid = await FakeSendGridApi.start();
    folder = temporaryFolder('crash');
  });
  afterAll(async () => {
    await sendGrid.close();
  });

  it('delivers every email exactly once after a SIGKILL while SendGrid was down, including one in flight', async () => {
    const env = {
      DATABASE_URL: `sqlite:${join(folder, 'crash.sqlite')}`,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      DELIVERY_POLL_INTERVAL_MS: '25',
      DELIVERY_RETRY_BASE_MS: '100',
      DELIVERY_RETRY_MAX_MS: '300',
    };
    sendGrid.goDown({ status: 503, delayMs: 400, body: { errors: [{ message: 'Service Unavailable', field: null }] } });
    const first = await startChildApplication(env);
    const emails = Array.from({ length: 5 }, (_, index) => `crash${index}@example.com`);
    for (const email of emails) await createViaApi(first.url, email);
    await eventually(() => sendGrid.requests.length >= 5, 'attempts against the broken SendGrid');
    const killed = await first.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    sendGrid.recover();

    const second = await startChildApplication(env);
    try {
      await eventually(() => emails.every((email) => sendGrid.mailTo(email).length === 1), 'every email after the restart', 10_000);
      await outboxSettled(await openSharedDatabase(join(folder, 'crash.sqlite')), 10_000);
      for (const email of emails) expect(sendGrid.mailTo(email)).toHaveLength(1);
    } finally {
      await second.stop('SIGTERM');
    }
  });

  it('with DELIVERY_WORKER=off, a process only queues; the process that delivers sends each email once', async () => {
    const env = {
      DATABASE_URL: `sqlite:${join(folder, 'split.sqlite')}`,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      DELIVERY_POLL_INTERVAL_MS: '25',
    };
    const web = await startChildApplication({ ...env, DELIVERY_WORKER: 'off' });
    const shared = await openSharedDatabase(join(folder, 'split.sqlite'));
    const emails = Array.from({ length: 20 }, (_, index) => `split${index}@example.com`);
    try {
      for (const email of emails.slice(0, 10)) await createViaApi(web.url, email);
      const queued = await shared.read((manager) => manager.find(DeliveryJob));
      expect(queued.map((job) => [job.status, job.attempts])).toEqual(queued.map(() => [DeliveryStatus.Pending, 0]));
      expect(queued.length).toBeGreaterThanOrEqual(10);
      expect(emails.flatMap((email) => sendGrid.mailTo(email))).toHaveLength(0);
      const delivery = await startChildApplication({ ...env, DELIVERY_WORKER: 'on' });
      try {
        for (const email of emails.slice(10)) await createViaApi(web.url, email);
        await eventually(
          () => emails.every((email) => sendGrid.mailTo(email).length === 1),
          'every email from the delivering process',
          10_000,
        );
        await outboxSettled(shared, 10_000);
        for (const email of emails) expect(sendGrid.mailTo(email)).toHaveLength(1);
      } finally {
        await delivery.stop('SIGTERM');
      }
    } finally {
      await web.stop('SIGTERM');
    }
    expect(web.logs.some((entry) => String(entry.msg).startsWith('DELIVERY_WORKER=off'))).toBe(true);
  });

  it('sends a reminder that came due while the process was down, once, after the restart', async () => {
    const env = {
      DATABASE_URL: `sqlite:${join(folder, 'reminder-crash.sqlite')}`,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      DELIVERY_POLL_INTERVAL_MS: '25',
      CANDIDATE_REMINDERS: 'PT2M55S',
    };
    const reminders = () =>
      sendGrid.mailTo('remind-after-crash@example.com').filter((mail) => String(mail.body.subject).startsWith('Reminder'));
    const first = await startChildApplication(env);
    const start = new Date(Math.ceil((Date.now() + 175_000 + 1500) / 1000) * 1000).toISOString();
    const reminderDue = new Date(start).getTime() - 175_000;
    const created = await fetch(`${first.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Reliable Candidate', candidateEmail: 'remind-after-crash@example.com', scheduledTime: start }),
    });
    expect(created.status).toBe(201);
    await eventually(() => sendGrid.mailTo('remind-after-crash@example.com').length === 1, 'the invitation');
    expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');
    await eventually(() => Date.now() > reminderDue, 'the reminder to fall due while the app is down');
    expect(reminders()).toEqual([]);

    const second = await startChildApplication(env);
    try {
      await eventually(() => reminders().length === 1, 'the reminder after the restart', 10_000);
      await outboxSettled(await openSharedDatabase(join(folder, 'reminder-crash.sqlite')), 10_000);
      expect(reminders()).toHaveLength(1);
    } finally {
      await second.stop('SIGTERM');
    }
  });

  it('on SIGTERM, finishes the delivery in progress and exits cleanly', async () => {
    sendGrid.delayNext(1, 1000);
    const app = await startChildApplication({
      DATABASE_URL: `sqlite:${join(folder, 'graceful.sqlite')}`,
      SENDGRID_API_KEY: sendGrid.apiKey,
      SENDGRID_API_URL: sendGrid.url,
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
      DELIVERY_POLL_INTERVAL_MS: '25',
    });
    await createViaApi(app.url, 'graceful@example.com');
    await eventually(() => sendGrid.requests.length > 0, 'the delivery to start');
    const exit = await app.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(sendGrid.mailTo('graceful@example.com')).toHaveLength(1);
    expect(app.logs.some((entry) => entry.msg === 'Shut down cleanly')).toBe(true);
  });
});
