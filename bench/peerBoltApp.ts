/**
 * The peer a developer would write instead of this app: a Bolt v5 app on its default HTTPReceiver,
 * laid out like Slack's Bolt starter template, whose /schedule-interview handler acks and opens a
 * hand-written modal with the same fields as ours (a short time-zone menu, as people write by
 * hand). The fair comparison for the slash command. Prints its port as JSON on stdout.
 */
import { App, LogLevel } from '@slack/bolt';
import type { ModalView, PlainTextOption } from '@slack/types';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});

const option = (text: string, value = text): PlainTextOption => ({ text: { type: 'plain_text', text }, value });
const durations = [option('30 minutes', '30'), option('45 minutes', '45'), option('60 minutes', '60'), option('90 minutes', '90')];
const zones = [
  'America/Los_Angeles',
  'America/New_York',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
].map((zone) => option(zone));

const input = (blockId: string, label: string, element: Record<string, unknown>, optional = false) => ({
  type: 'input',
  block_id: blockId,
  optional,
  label: { type: 'plain_text', text: label },
  element: { action_id: blockId, ...element },
});

function scheduleModal(channelId: string): ModalView {
  return {
    type: 'modal',
    callback_id: 'schedule_interview',
    private_metadata: channelId,
    title: { type: 'plain_text', text: 'Schedule interview' },
    submit: { type: 'plain_text', text: 'Schedule' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      input('candidate_name', 'Candidate name', { type: 'plain_text_input' }),
      input('candidate_email', 'Candidate email', { type: 'email_text_input' }),
      input('role', 'Role', { type: 'plain_text_input' }, true),
      input('interviewers', 'Interviewers', { type: 'multi_users_select' }, true),
      input('scheduled_time', 'Date and time', { type: 'datetimepicker' }, true),
      input('duration', 'Duration', { type: 'static_select', options: durations, initial_option: durations[1] }),
      input('candidate_timezone', 'Candidate time zone', { type: 'static_select', options: zones, initial_option: zones[2] }),
      input('notes', 'Notes', { type: 'plain_text_input', multiline: true }, true),
    ] as ModalView['blocks'],
  };
}

app.command('/schedule-interview', async ({ ack, body, client, logger }) => {
  await ack();
  try {
    await client.views.open({ trigger_id: body.trigger_id, view: scheduleModal(body.channel_id) });
  } catch (error) {
    logger.error(error);
  }
});

void (async () => {
  const server = (await app.start(Number(process.env.PORT ?? 0))) as Server;
  const address = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'peer listening', port: address.port })}\n`);
})();
