import pino from 'pino';
import type { AckFn, RespondArguments, RespondFn } from '@slack/bolt';
import { FormOpenings } from '../../src/slack/formOpenings';

/** What the command's ack and response URL were given, in order, with when. */
function recordingReplies() {
  const said: Array<{ via: 'ack' | 'respond'; message: unknown; at: number }> = [];
  const started = Date.now();
  const ack = ((message?: unknown) => {
    said.push({ via: 'ack', message, at: Date.now() - started });
    return Promise.resolve();
  }) as AckFn<string | RespondArguments>;
  const respond = ((message: unknown) => {
    said.push({ via: 'respond', message, at: Date.now() - started });
    return Promise.resolve({});
  }) as unknown as RespondFn;
  return { said, replies: { ack, respond } };
}

const expiredTrigger = Object.assign(new Error('An API error occurred: expired_trigger_id'), {
  data: { ok: false, error: 'expired_trigger_id' },
});
const after = (ms: number, outcome: 'opened' | Error) =>
  new Promise<void>((resolve, reject) => setTimeout(() => (outcome === 'opened' ? resolve() : reject(outcome)), ms));

describe('when a form command is acknowledged', () => {
  const logLines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => logLines.push(line) });

  it('acknowledges at once while the app is quiet, and tells a form Slack refused through the response URL', async () => {
    const forms = new FormOpenings(logger);
    const { said, replies } = recordingReplies();
    await forms.acknowledge(replies, () => after(50, expiredTrigger), '/schedule-interview');
    expect(said.map(({ via }) => via)).toEqual(['ack', 'respond']);
    expect(said[0].message).toBeUndefined();
    expect(said[0].at).toBeLessThan(40);
    expect(said[1].message).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('type `/schedule-interview` again') });
    expect(logLines.some((line) => line.includes('Slack did not open the form for /schedule-interview'))).toBe(true);
  });

  it('while four forms are opening, acknowledges the next once its own form is open, saying in the ack if it failed', async () => {
    const forms = new FormOpenings(logger);
    const slow = Array.from({ length: 4 }, () => recordingReplies());
    const opening = slow.map(({ replies }) => forms.acknowledge(replies, () => after(300, 'opened'), '/schedule-interview'));
    const busyOpened = recordingReplies();
    const busyFailed = recordingReplies();
    const busy = [
      forms.acknowledge(busyOpened.replies, () => after(100, 'opened'), '/schedule-interview'),
      forms.acknowledge(busyFailed.replies, () => after(100, new Error('connect ECONNREFUSED')), '/schedule-interview slots'),
    ];
    await Promise.all([...opening, ...busy]);
    for (const { said } of slow) expect(said).toEqual([{ via: 'ack', message: undefined, at: expect.any(Number) }]);
    expect(busyOpened.said).toEqual([{ via: 'ack', message: undefined, at: expect.any(Number) }]);
    expect(busyOpened.said[0].at).toBeGreaterThanOrEqual(90);
    expect(busyFailed.said).toEqual([
      {
        via: 'ack',
        message: { response_type: 'ephemeral', text: expect.stringContaining("I couldn't open the form") },
        at: expect.any(Number),
      },
    ]);
    // All done: the next command finds the app quiet again.
    const next = recordingReplies();
    await forms.acknowledge(next.replies, () => after(100, 'opened'), '/schedule-interview');
    expect(next.said[0].at).toBeLessThan(50);
  });

  it('acknowledges a busy command whose form is slow after the budget, and tells a late failure through the response URL', async () => {
    const forms = new FormOpenings(logger);
    const slow = Array.from({ length: 4 }, () => recordingReplies());
    const opening = slow.map(({ replies }) => forms.acknowledge(replies, () => after(400, 'opened'), '/schedule-interview'));
    const late = recordingReplies();
    await forms.acknowledge(late.replies, () => after(300, expiredTrigger), '/schedule-interview', 100);
    await Promise.all(opening);
    expect(late.said.map(({ via }) => via)).toEqual(['ack', 'respond']);
    expect(late.said[0].message).toBeUndefined();
    expect(late.said[0].at).toBeGreaterThanOrEqual(90);
    expect(late.said[0].at).toBeLessThan(250);
    expect(late.said[1].message).toEqual({
      response_type: 'ephemeral',
      text: expect.stringContaining('Slack took too long to open the form'),
    });
  });
});
