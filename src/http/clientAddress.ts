import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { AppConfig } from '../config/appConfig';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * The client's address, read exactly as express reads `request.ip` under the same TRUST_PROXY, for
 * code that runs outside express (the Slack request guard): the socket's address, then, for each
 * trusted hop, the next address leftwards in X-Forwarded-For. `true` trusts every hop, a number
 * that many hops, `loopback` hops from 127.0.0.0/8 and ::1, `false` none.
 */
export function clientAddressReader(trustProxy: AppConfig['trustProxy']): (request: IncomingMessage) => string {
  const isTrusted = trustedHops(trustProxy);
  return (request) => {
    const hops = [request.socket.remoteAddress ?? '', ...forwardedForNearestFirst(request)];
    for (let index = 0; index < hops.length - 1; index += 1) {
      if (!isTrusted(hops[index], index)) return hops[index];
    }
    return hops[hops.length - 1];
  };
}

function forwardedForNearestFirst(request: IncomingMessage): string[] {
  const header = request.headers['x-forwarded-for'];
  if (!header) return [];
  return (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((address) => address.trim())
    .reverse();
}

function trustedHops(trustProxy: AppConfig['trustProxy']): (address: string, hopIndex: number) => boolean {
  if (typeof trustProxy === 'boolean') return () => trustProxy;
  if (typeof trustProxy === 'number') return (_address, hopIndex) => hopIndex < trustProxy;
  if (trustProxy === 'loopback') return isLoopback;
  throw new Error(`TRUST_PROXY=${trustProxy} is not one of false, true, loopback or a number of hops.`);
}

function isLoopback(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return false;
  return LOOPBACK.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Names of headers that proxies, load balancers and CDNs add to say whose request they pass on:
 * `Forwarded`, `Via`, anything with "forwarded" in it (`X-Forwarded-*`, `X-Original-Forwarded-For`),
 * `X-Original-*`, and anything naming a client's address (`X-Real-IP`, `True-Client-IP`,
 * `CF-Connecting-IP`, `Fastly-Client-IP`, `X-Cluster-Client-IP`, `Client-IP`, `X-ProxyUser-Ip`,
 * `X-Azure-ClientIP`, `X-Envoy-External-Address`, `X-Remote-Addr`, …). A pattern rather than a list,
 * so the next vendor's header is caught too.
 */
const FORWARDING_HEADER_NAME = /forwarded|^via$|^x-original-|-ip(v6)?$|clientip$|-addr(ess)?$/;

/**
 * True when the request carries any header a proxy adds when it passes on someone else's request:
 * whatever its connection's address, it is not this machine's own.
 */
export function wasPassedOnByProxy(request: IncomingMessage): boolean {
  return Object.keys(request.headers).some((name) => FORWARDING_HEADER_NAME.test(name));
}
