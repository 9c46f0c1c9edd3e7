import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../../src/domain/deliveries/DeliveryJob';
import { IsNull, Not } from 'typeorm';
import { SlackEventReceipt } from '../../../src/db/entities/SlackEventReceipt';
import { SlackInstallation } from '../../../src/db/entities/SlackInstallation';
import { DELIVERY_CHANNEL_BY_KIND } from '../../../src/domain/deliveries/deliveryKinds';
import { APP_UNINSTALLED_REASON } from '../../../src/domain/deliveries/stopSlackDeliveries';
import { Interview } from '../../../src/domain/interviews/Interview';
import { textPart } from '../../support/fakeSendGridApi';
import { SLACK_UNVERIFIED_BODIES_BUDGET_BYTES } from '../../../src/slack/app/slackRequestGuard';
import { startUpload, type RawUpload } from '../../support/rawUploads';
import { eventCallbackBody, postEventToSlackEndpoint, postToSlackEndpoint } from '../../support/signedSlackRequests';
import { eventually, TEST_SIGNING_SECRET } from '../../support/testApplication';
import { startMultiWorkspaceHarness, type MultiWorkspaceHarness } from './multiWorkspaceHarness';
import { hoursFromNowInSeconds, startSlackHarness, type SlackHarness } from './slackTestHarness';

let harness: MultiWorkspaceHarness;

const installationOf = (teamId: string) => harness.app.database.read((manager) => manager.findOneBy(SlackInstallation, { teamId }));
/** The handled receipt of an event, by the event id in its body. */
const receiptFor = (body: string) =>
  harness.app.database.read((manager) =>
    manager.findOneBy(SlackEventReceipt, { eventId: (JSON.parse(body) as { event_id: string }).event_id, handledAt: Not(IsNull()) }),
  );
const jobsOf = (interviewId: string) =>
  harness.app.database.read((manager) => manager.find(DeliveryJob, { where: { interviewId }, order: { createdAt: 'ASC' } }));

/** Schedules from TGONE while Slack rate-limits its channel post for an hour, so that post is still pending. */
async function scheduleWithChannelPostPending(email: string) {
  harness.slack.rateLimitNext('chat.postMessage', 3600, { when: (args) => args.channel === 'C0GONE' });
  const interview = await harness.schedule('TGONE', 'C0GONE', { email });
  await eventually(async () => {
    const post = (await jobsOf(interview.id)).find((job) => job.kind === DeliveryKind.ChannelPost);
    return post?.status === DeliveryStatus.Pending && post.attempts === 1;
  }, 'the channel post waiting to be retried');
  return interview;
}

describe('with many workspaces', () => {
  beforeEach(async () => {
    harness = await startMultiWorkspaceHarness();
    harness.slack.addWorkspace({ teamId: 'TGONE', teamName: 'Leaving Co' });
    harness.slack.addWorkspace({ teamId: 'TSTAY', teamName: 'Staying Co' });
    for (const teamId of ['TGONE', 'TSTAY']) expect((await harness.install(teamId)).response.status).toBe(200);
  });
  afterEach(async () => {
    await harness?.close();
  });

  describe('app_uninstalled', () => {
    it('deletes the installation and fails the workspace’s pending Slack posts at once, while its emails still go', async () => {
      // SendGrid is down and Slack rate-limits the channel post: both wait to be retried.
      harness.sendGrid.goDown();
      harness.slack.rateLimitNext('chat.postMessage', 3600, { when: (args) => args.channel === 'C0GONE' });
      const interview = await harness.submitSchedule('TGONE', 'C0GONE', { email: 'leaving@example.com' });
      await eventually(async () => {
        const jobs = await jobsOf(interview.id);
        const post = jobs.find((job) => job.kind === DeliveryKind.ChannelPost);
        const invitation = jobs.find((job) => job.kind === DeliveryKind.CandidateInvitation);
        return (
          post?.status === DeliveryStatus.Pending &&
          post.attempts === 1 &&
          invitation?.status === DeliveryStatus.Pending &&
          invitation.attempts > 0
        );
      }, 'the channel post and the invitation waiting to be retried');

      const revokedToken = harness.slack.workspace('TGONE').botToken;
      harness.slack.uninstall('TGONE');
      expect((await harness.event('TGONE', { type: 'app_uninstalled' })).status).toBe(200);
      await eventually(async () => (await installationOf('TGONE')) === null, 'the installation deleted');
      const callsAfterUninstall = harness.slack.calls.length;
      const post = (await jobsOf(interview.id)).find((job) => job.kind === DeliveryKind.ChannelPost)!;
      expect(post).toMatchObject({ status: DeliveryStatus.Failed, lastError: APP_UNINSTALLED_REASON, attempts: 1 });
      expect(harness.slack.callsWithToken(revokedToken).some((call) => call.method === 'chat.postMessage')).toBe(true);

      // The candidate's invitation still goes; what its delivery would tell the channel fails at once, never reaching Slack.
      harness.sendGrid.recover();
      const invitation = await eventually(() => harness.sendGrid.mailTo('leaving@example.com')[0], 'the invitation');
      expect(textPart(invitation)).toContain(interview.joinLink);
      await harness.settle();
      const jobs = await jobsOf(interview.id);
      const slackJobs = jobs.filter((job) => DELIVERY_CHANNEL_BY_KIND[job.kind] === 'slack');
      expect(slackJobs.map((job) => job.kind).sort()).toEqual(
        [DeliveryKind.ChannelMessageUpdate, DeliveryKind.ChannelPost, DeliveryKind.NoShowAlert].sort(),
      );
      for (const job of slackJobs) expect(job).toMatchObject({ status: DeliveryStatus.Failed, lastError: APP_UNINSTALLED_REASON });
      // The candidate's reminder is an email: it still waits for its time.
      expect(jobs.find((job) => job.kind === DeliveryKind.CandidateReminder)).toMatchObject({ status: DeliveryStatus.Pending });
      expect(harness.slack.calls.slice(callsAfterUninstall)).toEqual([]);
    });

    it('leaves the other workspaces as they were', async () => {
      await scheduleWithChannelPostPending('leaving2@example.com');
      await harness.event('TGONE', { type: 'app_uninstalled' });
      await eventually(async () => (await installationOf('TGONE')) === null, 'the installation deleted');
      expect(await installationOf('TSTAY')).not.toBeNull();
      await harness.schedule('TSTAY', 'C0STAY', { email: 'staying@example.com' });
      const post = await eventually(
        () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0STAY'),
        'the post',
      );
      expect(post.token).toBe(harness.slack.workspace('TSTAY').botToken);
    });

    it('resumes when the workspace installs the app again, with its new token', async () => {
      harness.slack.uninstall('TGONE');
      await harness.event('TGONE', { type: 'app_uninstalled' });
      await eventually(async () => (await installationOf('TGONE')) === null, 'the installation deleted');

      // Meanwhile its requests are ignored: there is no token to answer with.
      await harness.command('TGONE', { trigger_id: '3.3.gone' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(harness.slack.callsTo('views.open').find((call) => call.args.trigger_id === '3.3.gone')).toBeUndefined();

      expect((await harness.install('TGONE')).response.status).toBe(200);
      await harness.schedule('TGONE', 'C0BACK', { email: 'back@example.com' });
      const post = await eventually(
        () => harness.slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0BACK'),
        'the post',
      );
      expect(post.token).toBe(harness.slack.workspace('TGONE').botToken);
      await harness.settle();
    });
  });

  describe('Slack’s retries of an event', () => {
    /** One event, as Slack delivers it each time: signed afresh, the same body, and from the second time on, a retry number. */
    const deliver = (body: string, retry?: { number: number; reason: string }) =>
      postToSlackEndpoint(harness.app.url, body, {
        signingSecret: TEST_SIGNING_SECRET,
        headers: {
          'Content-Type': 'application/json',
          ...(retry ? { 'X-Slack-Retry-Num': String(retry.number), 'X-Slack-Retry-Reason': retry.reason } : {}),
        },
      });

    /** Slow uploads that hold the whole budget for bodies being read, so the next request gets 503. */
    async function fillTheBodyBudget(): Promise<RawUpload[]> {
      const perUploadBytes = 400 * 1024;
      const headers = {
        'Content-Type': 'application/json',
        'X-Slack-Request-Timestamp': String(Math.floor(Date.now() / 1000)),
        'X-Slack-Signature': `v0=${'0'.repeat(64)}`,
      };
      const uploads = Array.from({ length: Math.ceil(SLACK_UNVERIFIED_BODIES_BUDGET_BYTES / perUploadBytes) + 5 }, () => {
        const upload = startUpload(`${harness.app.url}/slack/events`, headers);
        upload.request.write(Buffer.alloc(perUploadBytes, 'a'));
        return upload;
      });
      const firstRefused = await Promise.race(uploads.map((upload) => upload.answered));
      expect(firstRefused.status).toBe(503);
      return uploads;
    }

    it('act on an app_uninstalled whose first delivery was refused, when its retry comes', async () => {
      // Padded past the largest gap the slow uploads can leave in the budget (one 400 KiB write), so it is refused whole.
      const uninstalled = JSON.stringify({
        ...(JSON.parse(eventCallbackBody({ type: 'app_uninstalled' }, { teamId: 'TGONE' })) as object),
        padding: 'x'.repeat(450 * 1024),
      });
      const uploads = await fillTheBodyBudget();
      try {
        expect((await deliver(uninstalled)).status).toBe(503);
      } finally {
        for (const upload of uploads) upload.request.destroy();
      }
      expect(await installationOf('TGONE')).not.toBeNull();

      const retried = await eventually(async () => {
        const response = await deliver(uninstalled, { number: 1, reason: 'http_error' });
        return response.status === 200 ? response : null;
      }, 'the retry to be read once the budget is free');
      expect(retried.status).toBe(200);
      await eventually(async () => (await installationOf('TGONE')) === null, 'the installation deleted at the retry');
    });

    it('do not act twice on an app_uninstalled already handled, even after the workspace installed the app again', async () => {
      const uninstalled = eventCallbackBody({ type: 'app_uninstalled' }, { teamId: 'TGONE' });
      expect((await deliver(uninstalled)).status).toBe(200);
      await eventually(async () => (await installationOf('TGONE')) === null, 'the installation deleted');
      expect((await harness.install('TGONE')).response.status).toBe(200);

      // Slack did not see the first answer in time and sends the same event again.
      expect((await deliver(uninstalled, { number: 1, reason: 'http_timeout' })).status).toBe(200);
      expect((await deliver(uninstalled, { number: 2, reason: 'http_timeout' })).status).toBe(200);
      // A later event is acted on in the meantime: the retries above were seen, and let go.
      const revoked = eventCallbackBody({ type: 'tokens_revoked', tokens: { oauth: ['U0ADMINSTAY'] } }, { teamId: 'TSTAY' });
      expect((await deliver(revoked)).status).toBe(200);
      await eventually(() => receiptFor(revoked), 'the later event handled');
      expect(await installationOf('TGONE')).not.toBeNull();
    });
  });

  describe('tokens_revoked', () => {
    it('for the bot token, deletes the installation and stops the workspace’s pending Slack posts', async () => {
      const interview = await scheduleWithChannelPostPending('revoked@example.com');
      const { botUserId } = harness.slack.uninstall('TGONE');
      await harness.event('TGONE', { type: 'tokens_revoked', tokens: { bot: [botUserId] } });
      await eventually(async () => (await installationOf('TGONE')) === null, 'the installation deleted');
      const post = (await jobsOf(interview.id)).find((job) => job.kind === DeliveryKind.ChannelPost)!;
      expect(post).toMatchObject({ status: DeliveryStatus.Failed, lastError: APP_UNINSTALLED_REASON });
    });

    it('for user tokens only, changes nothing: the app keeps no user token', async () => {
      const interview = await scheduleWithChannelPostPending('usertoken@example.com');
      await harness.event('TGONE', { type: 'tokens_revoked', tokens: { oauth: ['U0ADMINGONE'] } });
      await harness.lastEventHandled();
      expect(await installationOf('TGONE')).not.toBeNull();
      const post = (await jobsOf(interview.id)).find((job) => job.kind === DeliveryKind.ChannelPost)!;
      expect(post.status).toBe(DeliveryStatus.Pending);
    });
  });
});

describe('with one workspace (SLACK_BOT_TOKEN)', () => {
  let single: SlackHarness;

  beforeEach(async () => {
    single = await startSlackHarness();
  });
  afterEach(async () => {
    await single?.close();
  });

  it('app_uninstalled fails the pending Slack posts at once too, instead of retrying them against a dead token', async () => {
    single.slack.rateLimitNext('chat.postMessage', 3600, { when: (args) => args.channel === 'C0SOLO' });
    await single.submitScheduleModal(
      { name: 'Solo Candidate', email: 'solo@example.com', time: hoursFromNowInSeconds(48) },
      { channelId: 'C0SOLO' },
    );
    const interview = await single.app.database.read((manager) =>
      manager.findOneByOrFail(Interview, { candidateEmail: 'solo@example.com' }),
    );
    const channelPost = async () =>
      (await single.app.database.read((manager) => manager.findBy(DeliveryJob, { interviewId: interview.id }))).find(
        (job) => job.kind === DeliveryKind.ChannelPost,
      );
    await eventually(async () => {
      const post = await channelPost();
      return post?.status === DeliveryStatus.Pending && post.attempts === 1;
    }, 'the channel post waiting to be retried');
    await postEventToSlackEndpoint(
      single.app.url,
      eventCallbackBody({ type: 'app_uninstalled' }, { teamId: 'T0FAKE' }),
      TEST_SIGNING_SECRET,
    );
    await eventually(async () => (await channelPost())?.status === DeliveryStatus.Failed, 'the channel post stopped');
    expect((await channelPost())?.lastError).toBe(APP_UNINSTALLED_REASON);
  });
});
