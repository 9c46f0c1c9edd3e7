import { readdirSync, readFileSync } from 'node:fs';
import { readSlackBody } from '../../src/slack/app/slackBodyShape';
import { fixturePath } from '../support/fixtures';
import { eventCallbackBody, interactionBody } from '../support/signedSlackRequests';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const fixture = (name: string) => JSON.parse(readFileSync(fixturePath('slack-payloads', name), 'utf8')) as Record<string, unknown>;
const fixturesStartingWith = (prefix: string) =>
  readdirSync(fixturePath('slack-payloads')).filter((name) => name.startsWith(prefix) && name.endsWith('.json'));

const read = (contentType: string | undefined, body: string) => readSlackBody(contentType, Buffer.from(body));
const reasonFor = (contentType: string | undefined, body: string) => {
  const reading = read(contentType, body);
  return reading.kind === 'malformed' ? reading.reason : `read as ${reading.kind}`;
};

describe('readSlackBody, for what Slack sends', () => {
  it.each(fixturesStartingWith('slash_command.'))('reads the slash command %s as its fields', (name) => {
    const { raw_body: rawBody, fields } = fixture(name) as { raw_body: string; fields: Record<string, string> };
    const reading = read(FORM, rawBody);
    expect(reading).toEqual({ kind: 'request', body: expect.objectContaining(fields) as unknown });
  });

  it.each([...fixturesStartingWith('view_submission.'), ...fixturesStartingWith('block_actions.')])(
    'reads the interaction %s as its payload',
    (name) => {
      const payload = fixture(name);
      expect(read(FORM, interactionBody(payload))).toEqual({ kind: 'request', body: payload });
    },
  );

  it.each([
    ['app_uninstalled', { type: 'app_uninstalled' }],
    ['tokens_revoked', { type: 'tokens_revoked', tokens: { oauth: ['U0ADMIN'], bot: ['U0BOT'] } }],
    ['app_home_opened', { type: 'app_home_opened', user: 'U0RECRUIT', channel: 'D0HOME', tab: 'home' }],
    ['an event the app does not subscribe to', { type: 'reaction_added', user: 'U0RECRUIT' }],
  ])('reads an Events API callback of %s, with or without a charset', (_name, event) => {
    const body = eventCallbackBody(event, { teamId: 'T0FAKE' });
    expect(read(JSON_TYPE, body)).toEqual({ kind: 'request', body: JSON.parse(body) as unknown });
    expect(read(`${JSON_TYPE}; charset=utf-8`, body).kind).toBe('request');
  });

  it('reads the URL verification challenge, the rate-limit notice and the certificate probe', () => {
    expect(read(JSON_TYPE, JSON.stringify({ token: 't', challenge: 'abc', type: 'url_verification' })).kind).toBe('request');
    expect(
      read(JSON_TYPE, JSON.stringify({ token: 't', type: 'app_rate_limited', team_id: 'T0FAKE', minute_rate_limited: 1518467820 })).kind,
    ).toBe('request');
    expect(read(FORM, 'ssl_check=1&token=legacy')).toEqual({ kind: 'certificate-probe' });
  });
});

describe('readSlackBody, for signed bodies Slack never sends', () => {
  const viewSubmission = fixture('view_submission.ASSEMBLED_all_input_types.json');
  const buttonClick = fixture('block_actions.docs_button_message.json');
  const without = (payload: Record<string, unknown>, field: string) =>
    Object.fromEntries(Object.entries(payload).filter(([key]) => key !== field));
  const event = (fields: Record<string, unknown>) =>
    JSON.stringify({ token: 't', team_id: 'T0FAKE', api_app_id: 'A0FAKE', event_id: 'Ev0SHAPE', event_time: 1, ...fields });

  it.each([
    ['an event_callback whose event is null', JSON_TYPE, event({ type: 'event_callback', event: null }), /"event"/],
    ['an event_callback without an event', JSON_TYPE, event({ type: 'event_callback' }), /"event"/],
    [
      'an event_callback without an event_id',
      JSON_TYPE,
      JSON.stringify({ type: 'event_callback', event: { type: 'app_uninstalled' } }),
      /"event_id"/,
    ],
    [
      'a tokens_revoked event without its tokens',
      JSON_TYPE,
      event({ type: 'event_callback', event: { type: 'tokens_revoked' } }),
      /"event.tokens"/,
    ],
    [
      'an app_home_opened event without its user',
      JSON_TYPE,
      event({ type: 'event_callback', event: { type: 'app_home_opened' } }),
      /"event.user"/,
    ],
    [
      'a JSON body of an unknown type',
      JSON_TYPE,
      JSON.stringify({ type: 'block_actions', user: { id: 'U1' } }),
      /no Events API body of type "block_actions"/,
    ],
    ['a view_submission without its view', FORM, interactionBody(without(viewSubmission, 'view')), /"view"/],
    [
      'a view_submission whose view has no state',
      FORM,
      interactionBody({ ...viewSubmission, view: without(viewSubmission.view as Record<string, unknown>, 'state') }),
      /"view.state"/,
    ],
    ['a block_actions without its user', FORM, interactionBody(without(buttonClick, 'user')), /"user"/],
    ['a block_actions without actions', FORM, interactionBody({ ...buttonClick, actions: [] }), /"actions"/],
    [
      'an interaction of an unknown type',
      FORM,
      interactionBody({ ...buttonClick, type: 'dialog_submission' }),
      /no interaction payload of type "dialog_submission"/,
    ],
    [
      'an interaction typed as an Events API body',
      FORM,
      interactionBody({ type: 'event_callback', event: { type: 'app_uninstalled' } }),
      /no interaction payload/,
    ],
    [
      'a slash command without its trigger id',
      FORM,
      'command=%2Fschedule-interview&text=&team_id=T1&user_id=U1&channel_id=C1&response_url=x',
      /"trigger_id"/,
    ],
    [
      'a slash command sent twice in one form',
      FORM,
      `${String(fixture('slash_command.docs_example.json').raw_body)}&command=%2Fother`,
      /"command"/,
    ],
  ])('refuses %s, naming what is wrong', (_name, contentType, body, reason) => {
    expect(reasonFor(contentType, body)).toMatch(reason);
  });

  it.each([
    ['two payload fields', FORM, 'payload=%7B%22type%22%3A%22a%22%7D&payload=%7B%22type%22%3A%22b%22%7D', /payload/],
    ['a payload whose type is not a string', FORM, `payload=${encodeURIComponent('{"type":42}')}`, /payload/],
    ['a form sent as JSON', JSON_TYPE, 'command=%2Fschedule-interview', /JSON/],
    ['no Content-Type', undefined, '{"type":"event_callback"}', /Slack sends/],
    ['plain text', 'text/plain', 'hello', /Slack sends/],
    ['an empty body', FORM, '', /empty/],
  ])('refuses %s, saying why', (_name, contentType, body, reason) => {
    expect(reasonFor(contentType, body)).toMatch(reason);
  });
});
