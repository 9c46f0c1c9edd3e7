import { readFileSync } from 'node:fs';
import { whyNotASlackBody } from '../../src/slack/slackBodyShape';
import { fixturePath } from '../support/fixtures';
import { interactionBody } from '../support/signedSlackRequests';

const FORM = 'application/x-www-form-urlencoded';
const fixture = (name: string) => JSON.parse(readFileSync(fixturePath('slack-payloads', name), 'utf8')) as Record<string, unknown>;

describe('whyNotASlackBody', () => {
  it.each([
    ['a slash command, as Slack documents it', FORM, String(fixture('slash_command.docs_example.json').raw_body)],
    ['a view submission', FORM, interactionBody(fixture('view_submission.ASSEMBLED_all_input_types.json'))],
    ['a button click', FORM, interactionBody(fixture('block_actions.docs_button_message.json'))],
    ['an Events API callback', 'application/json', JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened' } })],
    [
      'an Events API callback sent with a charset',
      'application/json; charset=utf-8',
      JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened' } }),
    ],
    ['the URL verification challenge', 'application/json', JSON.stringify({ type: 'url_verification', challenge: 'abc' })],
    ['the certificate probe', FORM, 'ssl_check=1&token=legacy'],
  ])('accepts %s', (_name, contentType, body) => {
    expect(whyNotASlackBody(contentType, Buffer.from(body))).toBeUndefined();
  });

  it.each([
    ['two payload fields', FORM, 'payload=%7B%22type%22%3A%22a%22%7D&payload=%7B%22type%22%3A%22b%22%7D', /payload/],
    ['a payload whose type is not a string', FORM, `payload=${encodeURIComponent('{"type":42}')}`, /payload/],
    ['a form sent as JSON', 'application/json', 'command=%2Fschedule-interview', /JSON/],
    ['a form with a charset, which Bolt would read as JSON', `${FORM}; charset=utf-8`, 'command=%2Fschedule-interview', /Slack sends/],
    ['no Content-Type', undefined, '{"type":"event_callback"}', /Slack sends/],
  ])('refuses %s, saying why', (_name, contentType, body, reason) => {
    expect(whyNotASlackBody(contentType, Buffer.from(body))).toMatch(reason);
  });
});
