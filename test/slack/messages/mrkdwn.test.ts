import { escapeMrkdwn, mrkdwnLink, slackDate } from '../../../src/slack/messages/mrkdwn';

describe('escaping user text for Slack', () => {
  it('turns <!channel> into text that pings nobody', () => {
    expect(escapeMrkdwn('<!channel> hi')).toBe('&lt;!channel&gt; hi');
  });

  it('turns a disguised link into plain text', () => {
    expect(escapeMrkdwn('<https://evil.example|click me>')).toBe('&lt;https://evil.example|click me&gt;');
  });

  it('escapes ampersands first so entities are not double-read', () => {
    expect(escapeMrkdwn('R&D <team>')).toBe('R&amp;D &lt;team&gt;');
  });

  it('keeps a link label from closing the link early', () => {
    expect(mrkdwnLink('https://x.example/a', 'a|<b>')).toBe('<https://x.example/a|a¦&lt;b&gt;>');
  });

  it('writes a date every reader sees in their own zone, with an escaped fallback', () => {
    expect(slackDate(new Date('2030-01-01T15:00:00Z'), '{date_long} {time}', '<15:00>')).toBe(
      '<!date^1893510000^{date_long} {time}|&lt;15:00&gt;>',
    );
  });
});
