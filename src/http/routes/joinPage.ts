import { randomBytes } from 'node:crypto';
import express, { Router, type Response } from 'express';
import type { DomainContext } from '../../domain/domainContext';
import { findInterviewBySessionKey } from '../../domain/interviewQueries';
import { recordCandidateVisit } from '../../domain/recordCandidateVisit';
import { buildCalendarInvite } from '../../presenters/calendarInvite';
import type { MailAddress } from '../../delivery/email/mailAddress';
import { joinOpensAt, joinPageState, type JoinWindowSettings } from '../../domain/joinWindow';
import { renderJoinPage, renderNotFoundPage } from '../../presenters/joinPage';

/**
 * `GET /interview/?session_key=…`: the candidate's page. A GET never changes anything, because
 * mail scanners open links before people do. Unknown, malformed and expired keys all get the
 * same plain 404.
 */
export function joinPageRoutes(context: DomainContext, settings: JoinWindowSettings, organizer: MailAddress): Router {
  const router = Router();

  router.get('/interview/', async (request, response) => {
    const nonce = randomBytes(16).toString('base64');
    setPageHeaders(response, nonce);
    const interview = await findInterviewBySessionKey(context, request.query.session_key);
    const now = context.now();
    const state = interview ? joinPageState(interview, now, settings) : 'expired';
    if (!interview || state === 'expired') {
      response.status(404).type('html').send(renderNotFoundPage(nonce));
      return;
    }
    response
      .status(200)
      .type('html')
      .send(renderJoinPage({ interview, state, opensAt: joinOpensAt(interview, settings), nonce }));
  });

  router.get('/interview/calendar.ics', async (request, response) => {
    response.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    const interview = await findInterviewBySessionKey(context, request.query.session_key);
    if (!interview || joinPageState(interview, context.now(), settings) === 'expired') {
      response.status(404).type('text').send('Not found');
      return;
    }
    const invite = buildCalendarInvite(interview, { name: organizer.name ?? 'Hiring team', email: organizer.email });
    response
      .status(200)
      .type(`text/calendar; charset=utf-8; method=${invite.method}`)
      .attachment('interview.ics')
      .send(invite.content);
  });

  /** Called by the page's own script, never by link scanners; answers the same whatever the key. */
  router.post('/interview/opened', express.json({ limit: '1kb' }), async (request, response) => {
    const body = request.body as { session_key?: unknown } | undefined;
    await recordCandidateVisit(context, body?.session_key);
    response.status(204).end();
  });

  return router;
}

/** The page may load nothing but its own nonce'd style; the key in its URL never leaks as a Referer. */
function setPageHeaders(response: Response, nonce: string): void {
  response.set({
    'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex, nofollow',
  });
}
