import { FormOpeningQueue, FormTriggerTooOldError } from '../../src/slack/formOpeningQueue';

/** An opening that stays in flight until the test ends it. */
function pendingOpening(name: string, started: string[]) {
  let finish: () => void = () => undefined;
  const open = () => {
    started.push(name);
    return new Promise<string>((resolve) => {
      finish = () => resolve(name);
    });
  };
  return { open, finish: () => finish() };
}

describe('FormOpeningQueue', () => {
  let nowMs = 0;
  const clock = () => nowMs;
  beforeEach(() => {
    nowMs = 10_000;
  });

  it('has at most its limit of forms opening at once, and starts the next in arrival order as each finishes', async () => {
    const queue = new FormOpeningQueue({ concurrency: 2, triggerUsableForMs: 2500 }, clock);
    const started: string[] = [];
    const openings = ['a', 'b', 'c', 'd'].map((name) => ({ name, ...pendingOpening(name, started) }));
    const results = openings.map(({ open }) => queue.open(nowMs, open));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    openings[1].finish();
    await expect(results[1]).resolves.toBe('b');
    expect(started).toEqual(['a', 'b', 'c']);
    openings[0].finish();
    await expect(results[0]).resolves.toBe('a');
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    openings[2].finish();
    openings[3].finish();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops a form whose trigger grew too old while it waited, without calling Slack, and goes on with the next', async () => {
    const queue = new FormOpeningQueue({ concurrency: 1, triggerUsableForMs: 2500 }, clock);
    const started: string[] = [];
    const first = pendingOpening('first', started);
    const waitedTooLong = pendingOpening('waited too long', started);
    const arrivedLater = pendingOpening('arrived later', started);
    const firstResult = queue.open(nowMs, first.open);
    const tooOld = queue.open(nowMs, waitedTooLong.open);
    const later = queue.open(nowMs + 1000, arrivedLater.open);
    nowMs += 2600;
    first.finish();
    await firstResult;
    const refusal = await tooOld.catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(FormTriggerTooOldError);
    expect((refusal as FormTriggerTooOldError).waitedMs).toBe(2600);
    expect(started).toEqual(['first', 'arrived later']);
    arrivedLater.finish();
    await expect(later).resolves.toBe('arrived later');
  });

  it('drops at once a form whose request took too long to reach it, even with room to open it', async () => {
    const queue = new FormOpeningQueue({ concurrency: 4, triggerUsableForMs: 2500 }, clock);
    const started: string[] = [];
    await expect(queue.open(nowMs - 2501, pendingOpening('late', started).open)).rejects.toBeInstanceOf(FormTriggerTooOldError);
    expect(started).toEqual([]);
  });

  it('frees the place of a form Slack refused', async () => {
    const queue = new FormOpeningQueue({ concurrency: 1, triggerUsableForMs: 2500 }, clock);
    const refused = queue.open(nowMs, () => Promise.reject(new Error('expired_trigger_id')));
    const next = queue.open(nowMs, () => Promise.resolve('opened'));
    await expect(refused).rejects.toThrow('expired_trigger_id');
    await expect(next).resolves.toBe('opened');
  });
});
