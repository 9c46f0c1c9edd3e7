/**
 * How many `views.open` calls may be on their way to Slack at once; further forms wait their
 * turn. At Slack's usual 100–300 ms a call that opens dozens of forms a second, far more than
 * people type commands; it bounds what a slow or stalled Slack API can gather in flight.
 * docs/decisions/views-open-concurrency.md says why this number.
 */
export const CONCURRENT_FORM_OPENINGS = 256;

/**
 * How long after its request arrived a trigger id is still worth sending. Slack keeps a trigger
 * for 3 s from when it sent the request, and `views.open` must reach Slack inside them; a form
 * whose turn comes later would be refused (`expired_trigger_id`) after a wasted round trip.
 */
export const TRIGGER_USABLE_FOR_MS = 2500;

/** A form was not sent to Slack: its trigger id had grown too old while it waited (see TRIGGER_USABLE_FOR_MS). */
export class FormTriggerTooOldError extends Error {
  constructor(readonly waitedMs: number) {
    super(`The form was not opened: its trigger id was ${Math.round(waitedMs)} ms old, past ${TRIGGER_USABLE_FOR_MS} ms`);
    this.name = 'FormTriggerTooOldError';
  }
}

interface WaitingOpening {
  arrivedAtMs: number;
  start(): void;
  drop(error: FormTriggerTooOldError): void;
}

export interface FormOpeningLimits {
  concurrency: number;
  triggerUsableForMs: number;
}

/**
 * Where every form (modal) the app opens with a trigger id waits for its `views.open`: at most
 * `concurrency` at once, in the order their requests arrived, each dropped instead of sent once
 * its trigger is older than `triggerUsableForMs`, counted from when its request reached the app
 * (requestArrival). The request itself was acknowledged before it got here, so Slack always hears
 * back in time; a dropped form is the caller's to tell the person about.
 */
export class FormOpeningQueue {
  private inFlight = 0;
  private readonly waiting: WaitingOpening[] = [];

  constructor(
    private readonly limits: FormOpeningLimits = { concurrency: CONCURRENT_FORM_OPENINGS, triggerUsableForMs: TRIGGER_USABLE_FOR_MS },
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** `open`'s result once it had its turn; rejects with FormTriggerTooOldError if the trigger aged past use first. */
  open<T>(arrivedAtMs: number, open: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        arrivedAtMs,
        start: () => {
          this.inFlight += 1;
          settled(open)
            .then(resolve, reject)
            .finally(() => {
              this.inFlight -= 1;
              this.startNext();
            });
        },
        drop: reject,
      });
      this.startNext();
    });
  }

  private startNext(): void {
    while (this.inFlight < this.limits.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      const waitedMs = this.nowMs() - next.arrivedAtMs;
      if (waitedMs > this.limits.triggerUsableForMs) next.drop(new FormTriggerTooOldError(waitedMs));
      else next.start();
    }
  }
}

/** `work()`'s promise, started at once; a throw before it returns one becomes a rejection. */
async function settled<T>(work: () => Promise<T>): Promise<T> {
  return await work();
}
