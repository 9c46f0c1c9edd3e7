import { once } from 'node:events';
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawUpload {
  request: ClientRequest;
  /** The server's answer, whether or not the body was sent in full; rejects if the connection failed first. */
  answered: Promise<RawAnswer>;
  /** Settles when the connection is closed, by either side. */
  socketClosed: Promise<void>;
}

/**
 * A POST on its own connection whose body the test writes as it likes: part of it, none of it, or
 * more than it declared, to see what the server answers before the body is complete. Write errors
 * after the server has answered (it closed the connection on purpose) are expected and ignored.
 */
export function startUpload(url: string, headers: Record<string, string | number>): RawUpload {
  const request = httpRequest(url, { method: 'POST', headers, agent: false });
  const socketClosed = new Promise<void>((resolve) => request.once('socket', (socket) => socket.once('close', () => resolve())));
  const answered = new Promise<RawAnswer>((resolve, reject) => {
    request.once('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      response.on('error', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on('error', reject);
  });
  answered.catch(() => undefined);
  request.flushHeaders();
  return { request, answered, socketClosed };
}

/**
 * Writes `totalBytes` of filler in 64 KiB chunks, waiting when the socket is full, and stops early
 * once the server has answered; ends the request if it got that far unanswered.
 */
export async function writeFillerUntilAnswered(upload: RawUpload, totalBytes: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let answered = false;
  const settled = upload.answered.then(
    () => (answered = true),
    () => (answered = true),
  );
  let sentBytes = 0;
  while (!answered && sentBytes < totalBytes && !upload.request.destroyed) {
    const more = upload.request.write(chunk);
    sentBytes += chunk.length;
    if (!more) await Promise.race([once(upload.request, 'drain').catch(() => undefined), settled]);
  }
  if (!answered && !upload.request.destroyed) upload.request.end();
  return sentBytes;
}
