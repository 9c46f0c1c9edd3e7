/**
 * The join page's baseline: bare express answering GET /interview/ with a fixed page of the same
 * size as ours, no database and no rendering. Prints its port as JSON on stdout.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your interview</title></head><body>${'<p>Interview details.</p>'.repeat(Number(process.env.PAGE_REPEAT ?? 80))}</body></html>`;
const app = express();
app.get('/interview/', (_request, response) => {
  response.type('html').send(page);
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'bare express listening', port: address.port })}\n`);
});
