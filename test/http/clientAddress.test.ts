import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { IncomingMessage } from 'node:http';
import { clientAddressReader, wasPassedOnByProxy } from '../../src/http/clientAddress';

/**
 * The Slack guard counts refusals per client outside express; it must read the same address
 * express gives the rate limits (`request.ip`) under every TRUST_PROXY the config accepts.
 */
describe('clientAddressReader', () => {
  const settings: Array<boolean | number | string> = [false, true, 0, 1, 2, 3, 'loopback'];
  const forwardedFor = [
    undefined,
    '203.0.113.7',
    '203.0.113.7, 10.0.0.2',
    '198.51.100.1, 203.0.113.7, 127.0.0.1',
    '127.0.0.5, ::1',
    'not-an-address, 127.0.0.1',
    '203.0.113.7,10.0.0.2 , 10.0.0.3',
  ];

  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.get('/:setting', (request, response) => {
      const setting = settings[Number(request.params.setting)];
      const asExpress = express();
      asExpress.set('trust proxy', setting);
      Object.setPrototypeOf(request, asExpress.request);
      Object.assign(request, { app: asExpress });
      response.json({ express: request.ip, ours: clientAddressReader(setting)(request) });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(settings.map((setting, index) => [String(setting), index]))(
    'reads the address express reads with TRUST_PROXY=%s',
    async (_name, index) => {
      for (const header of forwardedFor) {
        const response = await fetch(`${url}/${index}`, { headers: header ? { 'X-Forwarded-For': header } : {} });
        const { express: expected, ours } = (await response.json()) as { express: string; ours: string };
        expect({ header, address: ours }).toEqual({ header, address: expected });
      }
    },
  );

  it('takes the leftmost X-Forwarded-For address only when every hop is trusted, and the socket when none is', async () => {
    const read = async (index: number) => {
      const response = await fetch(`${url}/${index}`, { headers: { 'X-Forwarded-For': '203.0.113.7, 10.0.0.2' } });
      return ((await response.json()) as { ours: string }).ours;
    };
    expect(await read(settings.indexOf(true))).toBe('203.0.113.7');
    expect(await read(settings.indexOf(1))).toBe('10.0.0.2');
    expect(await read(settings.indexOf(false))).toBe('127.0.0.1');
    expect(await read(settings.indexOf('loopback'))).toBe('10.0.0.2');
  });

  it('refuses at start-up a TRUST_PROXY it does not understand, rather than guess', () => {
    expect(() => clientAddressReader('10.0.0.0/8')).toThrow(/TRUST_PROXY/);
  });
});

describe('wasPassedOnByProxy', () => {
  const withHeader = (name: string) => ({ headers: { host: '127.0.0.1:3000', [name.toLowerCase()]: 'x' } }) as unknown as IncomingMessage;

  it.each([
    'Forwarded',
    'Via',
    'X-Forwarded-For',
    'X-Forwarded-Host',
    'X-Forwarded-Proto',
    'X-Forwarded-Port',
    'X-Forwarded-Client-Cert',
    'X-Original-Forwarded-For',
    'X-Original-URL',
    'X-Real-IP',
    'True-Client-IP',
    'CF-Connecting-IP',
    'CF-Connecting-IPv6',
    'Fastly-Client-IP',
    'X-Client-IP',
    'X-Cluster-Client-IP',
    'Client-IP',
    'X-ProxyUser-Ip',
    'X-Appengine-User-IP',
    'X-Azure-ClientIP',
    'X-Envoy-External-Address',
    'X-Remote-Addr',
  ])('takes a request with %s for one a proxy passed on', (name) => {
    expect(wasPassedOnByProxy(withHeader(name))).toBe(true);
  });

  it.each([
    'Accept',
    'Accept-Encoding',
    'Accept-Language',
    'Authorization',
    'Cache-Control',
    'Connection',
    'Content-Length',
    'Content-Type',
    'Cookie',
    'Idempotency-Key',
    'Origin',
    'Referer',
    'Sec-Ch-Ua',
    'Sec-Ch-Ua-Mobile',
    'Sec-Ch-Ua-Platform',
    'Sec-Fetch-Site',
    'Upgrade-Insecure-Requests',
    'User-Agent',
    'X-Request-Id',
  ])('takes a request with only %s for the machine’s own', (name) => {
    expect(wasPassedOnByProxy(withHeader(name))).toBe(false);
  });
});
