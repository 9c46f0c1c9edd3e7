/**
 * The baseline a user could otherwise run: a Bolt v5 app with its default HTTPReceiver whose
 * /schedule-interview handler only acknowledges. Prints its port as JSON on stdout.
 */
import { App, LogLevel } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});

app.command('/schedule-interview', async ({ ack }) => {
  await ack();
});

void (async () => {
  const server = (await app.start(Number(process.env.PORT ?? 0))) as Server;
  const address = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'baseline listening', port: address.port })}\n`);
})();
