import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** RFC 6455's fixed GUID, hashed with the client's key to accept a WebSocket handshake. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const Opcode = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

/**
 * The far end of a Socket Mode WebSocket, just enough of RFC 6455 for Slack's client: the
 * handshake, the `hello` Slack sends first (the client counts as connected from then on), pongs to
 * its pings, and a clean close. Events are not sent: the tests drive Slack over HTTP for those.
 */
export class FakeSocketModeConnection {
  private buffered = Buffer.alloc(0);

  private constructor(private readonly socket: Duplex) {}

  /** Completes the handshake on an HTTP upgrade request and says hello. */
  static accept(request: IncomingMessage, socket: Duplex): FakeSocketModeConnection {
    const accept = createHash('sha1')
      .update(`${String(request.headers['sec-websocket-key'])}${WEBSOCKET_GUID}`)
      .digest('base64');
    socket.write(
      ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join(
        '\r\n',
      ),
    );
    const connection = new FakeSocketModeConnection(socket);
    socket.on('data', (chunk: Buffer) => connection.receive(chunk));
    socket.on('error', () => socket.destroy());
    connection.send(
      Opcode.text,
      Buffer.from(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake-socket-mode' },
          connection_info: { app_id: 'A0FAKE' },
        }),
      ),
    );
    return connection;
  }

  get open(): boolean {
    return !this.socket.destroyed;
  }

  /** Closes the connection the way Slack does when it moves a client elsewhere. */
  close(): void {
    if (!this.open) return;
    this.send(Opcode.close, Buffer.from([0x03, 0xe8]));
    this.socket.end();
  }

  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (let frame = readFrame(this.buffered); frame; frame = readFrame(this.buffered)) {
      this.buffered = this.buffered.subarray(frame.length);
      if (frame.opcode === Opcode.ping) this.send(Opcode.pong, frame.payload);
      if (frame.opcode === Opcode.close) {
        this.send(Opcode.close, frame.payload);
        this.socket.end();
      }
    }
  }

  private send(opcode: number, payload: Buffer): void {
    if (!this.open) return;
    const header =
      payload.length < 126
        ? Buffer.from([0x80 | opcode, payload.length])
        : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
    this.socket.write(Buffer.concat([header, payload]));
  }
}

/** One complete client frame (always masked) at the start of `data`, or null until it has all arrived. */
function readFrame(data: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (data.length < 2) return null;
  let length = data[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return null;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return null;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (data[1] & 0x80) !== 0;
  const mask = masked ? data.subarray(offset, offset + 4) : null;
  offset += masked ? 4 : 0;
  if (data.length < offset + length) return null;
  const payload = Buffer.from(data.subarray(offset, offset + length));
  if (mask) for (let index = 0; index < payload.length; index += 1) payload[index] ^= mask[index % 4];
  return { opcode: data[0] & 0x0f, payload, length: offset + length };
}
