import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response, Router } from 'express';

/** What a router's stack holds, as far as it matters here: each route's path and the methods it answers. */
interface RoutedLayer {
  route?: { path: string | string[]; methods: Record<string, boolean | undefined> };
}

/** How a refused method is answered: `/api` in JSON, pages in plain text. */
export type MethodNotAllowedAnswer = (request: Request, response: Response, allowed: string[]) => void;

export const answerMethodNotAllowedInText: MethodNotAllowedAnswer = (request, response, allowed) => {
  response
    .status(405)
    .type('text')
    .send(`${request.method} is not allowed here; use ${allowed.join(' or ')}.`);
};

/**
 * After a router's routes are declared: a request for one of its paths with a method none of them
 * answers gets `405` with `Allow` listing the ones that do (GET implying HEAD), instead of falling
 * through to a 404 that says the path does not exist. OPTIONS is answered `204` with the same `Allow`.
 */
export function refuseOtherMethods(router: Router, answer: MethodNotAllowedAnswer = answerMethodNotAllowedInText): Router {
  const allowedByPath = new Map<string, Set<string>>();
  for (const layer of router.stack as RoutedLayer[]) {
    if (!layer.route) continue;
    for (const path of [layer.route.path].flat()) {
      const allowed = allowedByPath.get(path) ?? new Set<string>();
      for (const [method, handled] of Object.entries(layer.route.methods)) {
        if (handled && method !== '_all') allowed.add(method.toUpperCase());
      }
      if (allowed.has('GET')) allowed.add('HEAD');
      allowedByPath.set(path, allowed);
    }
  }
  for (const [path, methods] of allowedByPath) {
    const allowed = [...methods].sort();
    router.all(path, (request, response) => {
      response.set('Allow', allowed.join(', '));
      if (request.method === 'OPTIONS') {
        response.status(204).end();
        return;
      }
      answer(request, response, allowed);
    });
  }
  return router;
}

/**
 * The same answer for a path served outside express (Slack's, routed by the server itself): `405`
 * in text with `Allow`, or `204` with it to OPTIONS.
 */
export function answerOtherMethod(request: IncomingMessage, response: ServerResponse, allowed: string[]): void {
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { Allow: allowed.join(', ') }).end();
    return;
  }
  response
    .writeHead(405, { Allow: allowed.join(', '), 'Content-Type': 'text/plain; charset=utf-8' })
    .end(`${request.method} is not allowed here; use ${allowed.join(' or ')}.`);
}
