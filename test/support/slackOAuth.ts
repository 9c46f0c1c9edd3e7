import type { FakeSlackWebApi } from './fakeSlackWebApi';

/** What the install page offered: the "Add to Slack" link and the state cookie it set. */
export interface InstallPageVisit {
  response: Response;
  html: string;
  /** Slack's authorize URL, as linked from the page. */
  authorizeUrl: URL;
  /** `name=value` of the state cookie, as a browser would send it back. */
  stateCookie: string;
}

/** Opens `GET /slack/install` as a browser: reads the "Add to Slack" link and keeps the cookie the page set. */
export async function visitInstallPage(appUrl: string): Promise<InstallPageVisit> {
  const response = await fetch(`${appUrl}/slack/install`);
  const html = await response.text();
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error(`The install page links to no Slack authorize URL: ${html}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, html, authorizeUrl: new URL(href.replaceAll('&amp;', '&')), stateCookie: setCookie.split(';')[0] };
}

/**
 * The whole OAuth v2 install, as a person does it: the install page, Slack's authorize page (where
 * the fake Slack issues a code for `teamId`, as if they clicked Allow), then the redirect back to
 * the app carrying the code and the state, with the state cookie. `tamper` changes what the
 * browser sends back, to forge a callback (another state, no cookie, a code Slack never issued).
 */
export async function installThroughOAuth(
  appUrl: string,
  slack: FakeSlackWebApi,
  teamId: string,
  tamper: { state?: string; cookie?: string | null; code?: string } = {},
): Promise<{ response: Response; html: string; visit: InstallPageVisit }> {
  const visit = await visitInstallPage(appUrl);
  const params = visit.authorizeUrl.searchParams;
  const code = tamper.code ?? slack.issueCode(teamId, params.get('scope') ?? '', params.get('redirect_uri') ?? undefined);
  const callback = new URLSearchParams({ code, state: tamper.state ?? params.get('state') ?? '' });
  const cookie = tamper.cookie === undefined ? visit.stateCookie : tamper.cookie;
  const response = await fetch(`${appUrl}/slack/oauth_redirect?${callback.toString()}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { response, html: await response.text(), visit };
}
