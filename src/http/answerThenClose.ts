import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** How long the connection stays open after the answer is sent, so the client can read it. */
const LINGER_MS = 1000;

/**
 * Answers a request whose body will not be read (or not all of it), with `Connection: close`.
 * Closing the socket at once, while the client is still sending, resets the connection, and most
 * clients then report the reset instead of the answer. So the whole answer is sent, then the
 * socket stays open for a moment without reading anything (the client's further writes wait in
 * the kernel's buffers, never in this process), and then closes, dropping whatever was unread.
 */
export function answerThenClose(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  text: string,
  headers: OutgoingHttpHeaders = {},
): void {
  const body = Buffer.from(text, 'utf8');
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    ...headers,
    Connection: 'close',
  });
  if (request.complete) {
    response.end(body);
    return;
  }
  request.pause();
  response.write(body);
  const timer = setTimeout(() => response.end(), LINGER_MS);
  response.once('close', () => clearTimeout(timer));
}
