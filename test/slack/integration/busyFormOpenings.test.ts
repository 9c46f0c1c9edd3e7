import { TRIGGER_USABLE_FOR_MS } from '../../../src/slack/formOpeningQueue';
import { eventually } from '../../support/testApplication';
import { startSlackHarness, type SlackHarness } from './slackTestHarness';

let harness: SlackHarness;
/** A queue as the app's, made small so that a handful of commands fills it. */
const CONCURRENT_FORM_OPENINGS = 8;

beforeAll(async () => {
  harness = await startSlackHarness(
    {},
    { formOpeningLimits: { concurrency: CONCURRENT_FORM_OPENINGS, triggerUsableForMs: TRIGGER_USABLE_FOR_MS } },
  );
});
afterAll(async () => {
  await harness?.close();
});
afterEach(async () => {
  harness.slack.reset();
  await harness.settle();
});

const opensFor = (triggerIds: readonly string[]) =>
  harness.slack.callsTo('views.open').filter((call) => triggerIds.includes(String(call.args.trigger_id)));
const toldThrough = (responseName: string) =>
  harness.slack.callsTo('response_url').find((call) => call.args.path === `/response/${responseName}`);

describe('/schedule-interview while many forms are opening', () => {
  it('is acknowledged with an empty answer, and a form Slack refuses is told privately through the response URL', async () => {
    const slowTriggers = ['busy.1', 'busy.2', 'busy.3', 'busy.4'];
    const release = harness.slack.holdAnswers('views.open', { when: (args) => slowTriggers.includes(String(args.trigger_id)) });
    // The availability form: once open, it needs nothing more from Slack, so nothing is left running after the test.
    const slow = slowTriggers.map((trigger_id) => harness.command({ trigger_id, text: 'slots' }));
    await eventually(() => opensFor(slowTriggers).length === slowTriggers.length, 'four forms opening');

    harness.slack.failNext('views.open', 'expired_trigger_id', { when: (args) => args.trigger_id === 'busy.refused' });
    const refused = await harness.command({
      trigger_id: 'busy.refused',
      text: 'slots',
      response_url: harness.slack.responseUrl('busy-refused'),
    });
    expect(refused.status).toBe(200);
    expect(refused.text).toBe('');
    const told = await eventually(() => toldThrough('busy-refused'), 'the private note');
    expect(told.args).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('did not appear. Nothing was saved: type `/schedule-interview slots` again'),
    });

    release();
    for (const response of await Promise.all(slow)) expect([response.status, response.text]).toEqual([200, '']);
  });

  it(`drops a form still waiting behind ${CONCURRENT_FORM_OPENINGS} others once its trigger is too old, and tells the recruiter to type the command again`, async () => {
    harness.slack.holdAnswers('views.open');
    const stuckTriggers = Array.from({ length: CONCURRENT_FORM_OPENINGS }, (_, index) => `stuck.${index}`);
    const stuck = stuckTriggers.map((trigger_id, index) =>
      harness.command({ trigger_id, response_url: harness.slack.responseUrl(`stuck-${index}`) }),
    );
    await eventually(
      () => opensFor(stuckTriggers).length === CONCURRENT_FORM_OPENINGS,
      'every place taken by a form Slack does not answer',
    );

    const waiting = await harness.command({ trigger_id: 'waiting.too.long', response_url: harness.slack.responseUrl('waiting') });
    expect([waiting.status, waiting.text]).toEqual([200, '']);
    for (const response of await Promise.all(stuck)) expect([response.status, response.text]).toEqual([200, '']);

    // The stuck calls give up once their triggers are dead (3 s); by then the waiting trigger is as old.
    const told = await eventually(() => toldThrough('waiting'), 'the note for the form that waited too long', 10_000);
    expect(told.args).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining(
        'The form could not be opened in time, so it did not appear. Nothing was saved: type `/schedule-interview` again.',
      ),
    });
    expect(opensFor(['waiting.too.long'])).toEqual([]);
    // Each stuck form is told as well, once its call gave up: none of them is left to open after the test.
    const stuckNotes = await eventually(
      () => {
        const notes = stuckTriggers.map((_trigger, index) => toldThrough(`stuck-${index}`));
        return notes.every(Boolean) ? notes : null;
      },
      'a note for every stuck form',
      10_000,
    );
    for (const stuckNote of stuckNotes) expect(String(stuckNote?.args.text)).toContain('Slack took too long to open the form');
  });
});
