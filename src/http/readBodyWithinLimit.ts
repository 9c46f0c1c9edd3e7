import type { IncomingMessage } from 'node:http';

export type BodyReadResult =
  | { kind: 'complete'; body: Buffer }
  /** More than the limit arrived; the rest is left unread and what was read is dropped. */
  | { kind: 'too-large' }
  /** The shared budget was spent by other requests being read; the same as too-large, but not this request's fault. */
  | { kind: 'over-budget' }
  /** The client went away before the end. */
  | { kind: 'aborted' };

/**
 * Bytes that all the bodies being read at one moment may hold together. A per-request limit alone
 * lets memory grow with the number of connections; this bounds it whatever that number is.
 */
export class BodyMemoryBudget {
  private heldBytes = 0;

  constructor(readonly totalBytes: number) {}

  tryTake(bytes: number): boolean {
    if (this.heldBytes + bytes > this.totalBytes) return false;
    this.heldBytes += bytes;
    return true;
  }

  giveBack(bytes: number): void {
    this.heldBytes -= bytes;
  }
}

/**
 * Reads a request body, counting bytes as they stream in (a chunked body declares no length), and
 * stops at the first byte past `limitBytes` or past what `budget` has left: the request is paused,
 * so nothing more is buffered. The budget is given back once the read is over.
 */
export function readBodyWithinLimit(request: IncomingMessage, limitBytes: number, budget?: BodyMemoryBudget): Promise<BodyReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    const settle = (result: BodyReadResult) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAborted);
      request.off('close', onAborted);
      budget?.giveBack(receivedBytes);
      resolve(result);
    };
    const stop = (result: BodyReadResult) => {
      request.pause();
      chunks.length = 0;
      settle(result);
    };
    const onData = (chunk: Buffer) => {
      if (receivedBytes + chunk.length > limitBytes) return stop({ kind: 'too-large' });
      if (budget && !budget.tryTake(chunk.length)) return stop({ kind: 'over-budget' });
      receivedBytes += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => settle({ kind: 'complete', body: Buffer.concat(chunks, receivedBytes) });
    const onAborted = () => settle({ kind: 'aborted' });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onAborted);
    request.on('close', onAborted);
  });
}
