import express, { Router } from 'express';
import type { DomainContext } from '../../domain/shared/domainContext';
import { recordCandidateVisit } from '../../domain/interviews/recordCandidateVisit';
import { buildCalendarInvite } from '../../presenters/calendarInvite';
import type { MailAddress } from '../../config/mailAddress';
import {
  joinOpensAt,
  joinPageChangesAt,
  joinPageState,
  type JoinPageState,
  type JoinWindowSettings,
} from '../../domain/interviews/joinWindow';
import type { Interview } from '../../domain/interviews/Interview';
import { JOIN_PAGE_CONTENT_SECURITY_POLICY, renderJoinPage, renderNotFoundPage } from '../../presenters/joinPage';
import type { RecentSessionKeys } from '../cache/recentSessionKeys';
import { findMeetingOf } from '../../domain/meetings/meetingQueries';

/**
 * `GET /interview/?session_key=…` (mounted at /interview): the candidate's page. A GET never changes anything, because
 * mail scanners open links before people do. Unknown, malformed and expired keys all get the
 * same plain 404.
 */
export function joinPageRoutes(
  context: DomainContext,
  sessionKeys: RecentSessionKeys,
  settings: JoinWindowSettings,
  organizer: MailAddress,
): Router {
  const router = Router();

  router.get('/', async (request, response) => {
    response.set(PAGE_HEADERS);
    const interview = await sessionKeys.find(request.query.session_key);
    const now = context.now();
    const state = interview ? joinPageState(interview, now, settings) : 'expired';
    if (!interview || state === 'expired') {
      response.status(404).type('html').send(renderNotFoundPage());
      return;
    }
    const callBeingPrepared = await isCallBeingPrepared(context, interview, state);
    response
      .status(200)
      .type('html')
      .send(renderedPage(interview, state, settings, callBeingPrepared)(now));
  });

  router.get('/calendar.ics', async (request, response) => {
    response.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    const interview = await sessionKeys.find(request.query.session_key);
    if (!interview || joinPageState(interview, context.now(), settings) === 'expired') {
      response.status(404).type('text').send('Not found');
      return;
    }
    const invite = buildCalendarInvite(interview, { name: organizer.name ?? 'Hiring team', email: organizer.email });
    // Calendar clients tell an invitation from a cancellation by the type's method (RFC 6047), so
    // the disposition is set by hand: express's attachment() would reset the type from the file name.
    response
      .status(200)
      .type(`text/calendar; charset=utf-8; method=${invite.method}`)
      .set('Content-Disposition', 'attachment; filename="interview.ics"')
      .send(invite.content);
  });

  /** Called by the page's own script, never by link scanners; answers the same whatever the key. */
  router.post('/opened', express.json({ limit: '1kb' }), async (request, response) => {
    const body = request.body as { session_key?: unknown } | undefined;
    await recordCandidateVisit(context, body?.session_key);
    response.status(204).end();
  });

  return router;
}

/**
 * Renders each looked-up interview once per state: a remembered lookup (see RecentSessionKeys)
 * is the same object, and its page only changes when its state does (apart from the server's
 * clock, which the rendered page stamps in per request).
 */
const renderedPages = new WeakMap<Interview, { state: JoinPageState; callBeingPrepared: boolean; render: (now: Date) => string }>();

function renderedPage(
  interview: Interview,
  state: Exclude<JoinPageState, 'expired'>,
  settings: JoinWindowSettings,
  callBeingPrepared: boolean,
): (now: Date) => string {
  const rendered = renderedPages.get(interview);
  if (rendered?.state === state && rendered.callBeingPrepared === callBeingPrepared) return rendered.render;
  const render = renderJoinPage({
    interview,
    state,
    opensAt: joinOpensAt(interview, settings),
    changesAt: joinPageChangesAt(interview, state, settings),
    callBeingPrepared,
  });
  renderedPages.set(interview, { state, callBeingPrepared, render });
  return render;
}

/**
 * Whether the interview's video meeting is still to come (being made, or refused and waiting for
 * a link set by hand): then the page says the call is being prepared. A meeting made writes its
 * link on the interview, which makes every remembered lookup of it forgotten, so an interview
 * with a link is never asked about again.
 */
async function isCallBeingPrepared(context: DomainContext, interview: Interview, state: JoinPageState): Promise<boolean> {
  if (interview.meetingUrl || !context.followInterviewWithMeeting || (state !== 'open' && state !== 'not_open_yet')) return false;
  return (await findMeetingOf(context, interview.id)) !== null;
}

/** The page may load nothing but its own style and script; the key in its URL never leaks as a Referer. */
const PAGE_HEADERS = {
  'Content-Security-Policy': JOIN_PAGE_CONTENT_SECURITY_POLICY,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
};
