import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../../src/db/entities/DeliveryJob';
import { SlackInstallation } from '../../../src/db/entities/SlackInstallation';
import { DELIVERY_CHANNEL_BY_KIND } from '../../../src/domain/deliveryPlan';
import { APP_UNINSTALLED_REASON } from '../../../src/domain/stopSlackDeliveries';
import { Interview } from '../../../src/db/entities/Interview';
import { textPart } from '../../support/fakeSendGridApi';
import { eventCallbackBody, postEventToSlackEndpoint } from '../../support/signedSlackRequests';
import { eventually, TEST_SIGNING_SECRET } from '../../support/testApplication';
import { startMultiWorkspaceHarness, type MultiWorkspaceHarness } from './multiWorkspaceHarness';
import { hoursFromNowInSeconds, startSlackHarness, type SlackHarness } from './slackTestHarness';

let harness: MultiWorkspaceHarness;

const installationOf = (teamId: string) => harness.app.database.read((manager) => manager.findOneBy(SlackInstallation, { teamId }));
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
      await new Promise((resolve) => setTimeout(resolve, 200));
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
