import type { ServerResponse } from 'node:http';

/**
 * Keep-alive connections during shutdown. `server.close()` stops new connections and closes idle
 * ones, but a connection busy with a request stays open after its answer, idling until the
 * keep-alive timeout and serving whatever else arrives on it meanwhile. Once `begin()` is called,
 * every answer not yet started carries `Connection: close`, so Node closes its socket as soon as
 * it is sent: requests in flight are answered, and nothing more is taken.
 */
export class ConnectionDrain {
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();

  /** Call first thing for every request. */
  track(response: ServerResponse): void {
    if (this.draining) {
      response.setHeader('Connection', 'close');
      return;
    }
    this.inFlight.add(response);
    response.once('close', () => this.inFlight.delete(response));
  }

  begin(): void {
    this.draining = true;
    for (const response of this.inFlight) {
      if (!response.headersSent) {
        response.setHeader('Connection', 'close');
      } else if (!response.writableFinished) {
        // Already answering with keep-alive: close the socket once the answer is out.
        const socket = response.socket;
        response.once('finish', () => socket?.end());
      }
    }
    this.inFlight.clear();
  }
}
