import escapeHtml from 'escape-html';
import type { Interview } from '../domain/interviews/Interview';
import type { JoinPageState } from '../domain/interviews/joinWindow';
import { htmlDocument, pageContentSecurityPolicy, CARD_PAGE_STYLE } from './htmlDocument';
import { describeInterviewersForCandidate } from './interviewers';
import {
  CLOCK_TIME_FORMAT,
  describeDuration,
  formatClockTimeInZone,
  formatTimeInZone,
  FULL_TIME_FORMAT,
  isSameDayInZone,
} from './interviewTime';
import { UTC_ZONE_PATTERN } from './timeZoneLabel';
import { CURRENT_ZONE_NAMES } from '../domain/shared/timeZones';

export interface JoinPageView {
  interview: Interview;
  state: JoinPageState;
  opensAt: Date;
  /** The next moment the state changes by itself (see joinPageChangesAt); the page reloads then. */
  changesAt: Date | null;
  /** The video meeting is still being made (VIDEO_PROVIDER): the page says so instead of offering a link. */
  callBeingPrepared?: boolean;
}

const HEADLINES: Record<Exclude<JoinPageState, 'expired'>, string> = {
  not_open_yet: 'Your interview is coming up',
  open: 'Your interview is open',
  over: 'This interview is over',
  cancelled: 'This interview was cancelled',
};

/** With no call link to offer, "open" would promise a button that is not there. */
const OPEN_WITHOUT_CALL_HEADLINE = 'It’s time for your interview';

/**
 * The candidate's page for one interview in one state, rendered once: the only thing that differs
 * between two requests is the server's clock, stamped in so the page's script can time its
 * reload by the server's clock rather than the device's (which may be minutes off). Every piece
 * of stored text is escaped; nothing here changes state.
 */
export function renderJoinPage(view: JoinPageView): (now: Date) => string {
  const { interview, state } = view;
  const headline = headlineFor(view);
  const interviewers = describeInterviewersForCandidate(interview.interviewers);
  const rows: Array<[string, string]> = [
    ['When', zonedTime(interview.scheduledTime, interview.timezone, formatTimeInZone(interview.scheduledTime, interview.timezone))],
    ['Length', escapeHtml(describeDuration(interview.durationMinutes))],
  ];
  if (interview.role) rows.push(['Role', escapeHtml(interview.role)]);
  if (interviewers.length > 0) rows.push(['With', escapeHtml(interviewers.join(', '))]);
  const details = rows.map(([label, value]) => `<dt>${label}</dt><dd>${value}</dd>`).join('');
  const calendarLink =
    state === 'not_open_yet' || state === 'open'
      ? `<p class="secondary"><a href="calendar.ics?session_key=${interview.sessionKey}" download>Add to my calendar</a></p>\n`
      : '';
  const content = `>
<p class="eyebrow">Hi ${escapeHtml(interview.candidateName)}</p>
<h1>${headline}</h1>
<dl>${details}</dl>
${stateSection(view)}
${calendarLink}</main>
<script>${PAGE_SCRIPT}</script>`;
  const [pageStart, pageEnd] = pageAround(headline, refreshesWhileCallIsPrepared(view) ? PREPARING_REFRESH : '');
  const mainStart = `${pageStart}<main data-state="${state}"`;
  if (!view.changesAt) {
    const html = `${mainStart}${content}${pageEnd}`;
    return () => html;
  }
  const beforeServerTime = `${mainStart} data-changes-at="${view.changesAt.toISOString()}" data-server-time="`;
  const afterServerTime = `"${content}${pageEnd}`;
  return (now) => `${beforeServerTime}${now.toISOString()}${afterServerTime}`;
}

/**
 * While the window is open and the call is still being made (or was refused and waits for a link
 * set by hand), the page loads itself again every PREPARING_REFRESH_SECONDS, with no script (a
 * meta refresh needs nothing from the Content-Security-Policy): the Join the call button appears
 * as soon as the meeting exists.
 */
function refreshesWhileCallIsPrepared({ interview, state, callBeingPrepared }: JoinPageView): boolean {
  return state === 'open' && callBeingPrepared === true && !interview.meetingUrl;
}

export const PREPARING_REFRESH_SECONDS = 15;
const PREPARING_REFRESH = `<meta http-equiv="refresh" content="${PREPARING_REFRESH_SECONDS}">\n`;

function headlineFor({ interview, state, callBeingPrepared }: JoinPageView): string {
  if (state === 'expired') return HEADLINES.over;
  if (state === 'open' && !interview.meetingUrl && !callBeingPrepared) return OPEN_WITHOUT_CALL_HEADLINE;
  return HEADLINES[state];
}

/** A time in the candidate's zone, marked up so the page's script can add the browser's own. */
function zonedTime(instant: Date, timeZone: string, text: string): string {
  return `<time datetime="${instant.toISOString()}" data-zone="${escapeHtml(timeZone)}">${escapeHtml(text)}</time>`;
}

function stateSection(view: JoinPageView): string {
  const { interview, state } = view;
  switch (state) {
    case 'not_open_yet': {
      if (view.callBeingPrepared) {
        const opensText = isSameDayInZone(view.opensAt, interview.scheduledTime, interview.timezone)
          ? formatClockTimeInZone(view.opensAt, interview.timezone)
          : formatTimeInZone(view.opensAt, interview.timezone);
        return `<p class="status">Your video call is being prepared. You can join from ${zonedTime(view.opensAt, interview.timezone, opensText)}: this page takes you to the call then.</p>`;
      }
      if (!interview.meetingUrl) {
        return '<p class="status">Your interviewer will send you the call details by email before the start.</p>';
      }
      const opensText = isSameDayInZone(view.opensAt, interview.scheduledTime, interview.timezone)
        ? formatClockTimeInZone(view.opensAt, interview.timezone)
        : formatTimeInZone(view.opensAt, interview.timezone);
      return `<p class="status">You can join from ${zonedTime(view.opensAt, interview.timezone, opensText)}. <span data-self-updating="This page will update itself then.">Come back to this page then.</span></p>`;
    }
    case 'open':
      if (view.callBeingPrepared && !interview.meetingUrl) {
        return `<p class="status">Your video call is being prepared. This page refreshes itself every ${PREPARING_REFRESH_SECONDS} seconds: keep it open, and the <strong>Join the call</strong> button appears here as soon as the call is ready.</p>`;
      }
      return interview.meetingUrl
        ? `<p><a class="join" href="${escapeHtml(interview.meetingUrl)}" rel="noopener noreferrer">Join the call</a></p>`
        : '<p class="status">This page has no call link for this interview: your interviewer will send you the call details by email. If nothing has arrived, check your spam folder.</p>';
    case 'over':
    case 'expired':
      return '<p class="status">Thank you for your time. The hiring team will be in touch.</p>';
    case 'cancelled':
      return '<p class="status">The hiring team cancelled this interview. They will contact you if it is rescheduled.</p>';
  }
}

/**
 * Runs in the candidate's browser:
 * - tells the app the page was really opened (a POST, so link scanners that only GET do not count);
 * - beside each time in the candidate's zone, shows it in the browser's zone when that differs,
 *   naming zones as the server does (the same pattern, current zone names and formats, inlined);
 * - reloads the page once, when its state changes (the window opening or closing): one timer,
 *   timed by the server's clock, re-armed in steps because setTimeout cannot wait more than
 *   about 24.8 days, and checked again when the tab becomes visible after the device slept.
 */
const PAGE_SCRIPT = `(function () {
  var UTC_ZONE = new RegExp(${JSON.stringify(UTC_ZONE_PATTERN.source)}, 'i');
  var CURRENT_NAMES = ${JSON.stringify(CURRENT_ZONE_NAMES)};
  var FULL = ${JSON.stringify(FULL_TIME_FORMAT)};
  var CLOCK = ${JSON.stringify(CLOCK_TIME_FORMAT)};
  var DAY = { year: 'numeric', month: 'numeric', day: 'numeric' };
  var MAX_TIMER_MS = 2147483647;
  var AFTER_CHANGE_MS = 1000;

  var key = new URLSearchParams(location.search).get('session_key');
  if (key) {
    fetch('opened', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ session_key: key }), credentials: 'omit' }).catch(function () {});
  }

  var main = document.querySelector('main[data-changes-at]');
  if (main) {
    var deadline = Date.now() + Date.parse(main.getAttribute('data-changes-at')) - Date.parse(main.getAttribute('data-server-time')) + AFTER_CHANGE_MS;
    var timer;
    var arm = function () {
      clearTimeout(timer);
      var remaining = deadline - Date.now();
      if (remaining <= 0) location.reload();
      else timer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
    };
    arm();
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible') arm();
    });
    document.querySelectorAll('[data-self-updating]').forEach(function (element) {
      element.textContent = element.getAttribute('data-self-updating');
    });
  }

  function format(instant, zone, options) {
    return new Intl.DateTimeFormat('en-US', Object.assign({ timeZone: zone }, options)).format(instant);
  }
  function describeZone(zone, instant) {
    if (UTC_ZONE.test(zone)) return 'UTC';
    var slash = zone.lastIndexOf('/');
    if (slash > 0 && zone.indexOf('Etc/') !== 0) {
      var current = Object.prototype.hasOwnProperty.call(CURRENT_NAMES, zone) ? CURRENT_NAMES[zone] : zone;
      return current.slice(current.lastIndexOf('/') + 1).replace(/_/g, ' ') + ' time';
    }
    var parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(instant);
    var offset = parts[parts.length - 1].value.replace('GMT', 'UTC');
    return /^UTC([+-]0)?$/.test(offset) ? 'UTC' : offset;
  }
  try {
    var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.querySelectorAll('time[data-zone]').forEach(function (element) {
      var shown = element.getAttribute('data-zone');
      var instant = new Date(element.getAttribute('datetime'));
      if (!here || here === shown) return;
      var hereName = describeZone(here, instant);
      if (hereName === describeZone(shown, instant)) return;
      var sameDay = format(instant, here, DAY) === format(instant, shown, DAY);
      var note = document.createElement('span');
      note.className = 'local-time';
      note.textContent = (element.closest('dd') ? '' : ' — ') + format(instant, here, sameDay ? CLOCK : FULL) + ' where you are (' + hereName + ')';
      element.after(note);
    });
  } catch (error) {
    // A browser that cannot name its zone still gets the candidate's time, which the page shows.
  }
})();`;

/** The same page for every key that opens nothing, so the page cannot be used to probe keys. */
export function renderNotFoundPage(): string {
  return page('Page not found', '<main><h1>Page not found</h1><p class="status">Check the link in your invitation email.</p></main>');
}

/** The page's markup before and after its body. */
function pageAround(title: string, extraHead = ''): [string, string] {
  const marker = '\u0000';
  const [start, end] = page(title, marker, extraHead).split(marker);
  return [start, end];
}

function page(title: string, body: string, extraHead = ''): string {
  return htmlDocument(title, PAGE_STYLE, body, extraHead);
}

const PAGE_STYLE = `${CARD_PAGE_STYLE}dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0 0 1.5rem}
dt{color:#616061}
dd{margin:0}
dd .local-time{display:block}
.join{display:inline-block;background:#2b6cb0;color:#fff;text-decoration:none;padding:.75rem 1.5rem;border-radius:8px;font-weight:600}
.status{background:#f1f5f9;border-radius:8px;padding:.75rem 1rem}
.secondary{font-size:.9rem}
.local-time{color:#616061}
`;

/**
 * The page runs nothing but its own style and script, allowed by their SHA-256 hashes: the policy
 * is the same for every response, and no injected markup could ever run.
 */
export const JOIN_PAGE_CONTENT_SECURITY_POLICY = pageContentSecurityPolicy({
  style: PAGE_STYLE,
  script: PAGE_SCRIPT,
  fetchesFromHere: true,
  imagesFromHere: true,
  formsPostHere: true,
});
