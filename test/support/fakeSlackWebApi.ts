import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FakeSocketModeConnection } from './fakeSocketMode';
import { fixturePath } from './fixtures';

/** One call the app made, with its arguments decoded (blocks and views parsed back from JSON). */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The token it was made with (`Authorization: Bearer …`), if any. */
  token?: string;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

/** A workspace the app can be installed in through the fake's OAuth (`oauth.v2.access`). */
export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  /** Its Enterprise Grid organization; with `orgWide`, the app is installed for the whole organization. */
  enterprise?: { id: string; name: string };
  orgWide: boolean;
  /** The bot token its current (or next) installation gets; a new one after each uninstall. */
  botToken: string;
  botUserId: string;
  botId: string;
  /** Who clicked "Allow". */
  installerUserId: string;
}

/** The app's OAuth credentials as this fake Slack knows them (Basic Information → App Credentials). */
export const FAKE_OAUTH_CLIENT = { id: '1111111111.2222222222', secret: 'fake-client-secret-0123456789abcdef' } as const;
export const FAKE_APP_ID = 'A0FAKEAPP';

interface MethodDescription {
  args: Record<string, { required?: boolean }>;
  arg_groups?: Array<{ args: string[] }>;
  errors?: Record<string, unknown>;
  response?: { examples?: string[] };
}

type ScriptedAnswer = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  when?: (args: Record<string, unknown>) => boolean;
};

/** Which calls a scripted answer applies to: all of the method's, or those whose arguments match. */
export interface ScriptOptions {
  times?: number;
  when?: (args: Record<string, unknown>) => boolean;
}

const METHOD_DESCRIPTIONS = loadMethodDescriptions();
const SOCKET_MODE_PATH = '/socket-mode';
const JSON_ARGUMENTS = new Set(['blocks', 'view', 'attachments', 'metadata']);

/**
 * A stand-in for the Slack Web API on loopback, built from Slack's published method descriptions
 * (test/fixtures/slack-web-api): it checks the token and each method's required arguments,
 * answers with the documented response shape, and records every call. Answers can be scripted,
 * but only with errors Slack documents for that method. apps.connections.open hands out a
 * WebSocket URL on this same server, where a FakeSocketModeConnection says hello.
 */
export class FakeSlackWebApi {
  readonly calls: SlackCall[] = [];
  private readonly scripted = new Map<string, ScriptedAnswer[]>();
  private readonly users = new Map<string, { tz: string; real_name: string; email: string | null }>();
  private readonly callListeners = new Set<(call: SlackCall) => void>();
  private messageCounter = 0;
  private viewCounter = 0;
  private readonly workspaces = new Map<string, FakeWorkspace>();
  /** Codes Slack's authorize page handed out, each good for one `oauth.v2.access`. */
  private readonly codes = new Map<string, { workspace: FakeWorkspace; scope: string; redirectUri?: string }>();
  private readonly revokedTokens = new Set<string>();
  private codeCounter = 0;
  /** What apps.connections.open hands out: by default this fake's own WebSocket endpoint. */
  private socketModeUrl = '';
  /** Socket Mode connections the app opened, in order. */
  readonly socketModeConnections: FakeSocketModeConnection[] = [];
  /** Answers to calls of a held method, waiting to be sent (see `holdAnswers`). */
  private readonly heldAnswers = new Map<string, { when?: ScriptOptions['when']; waiting: Array<() => void> }>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    this.useSocketModeUrl();
  }

  static async start(): Promise<FakeSlackWebApi> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = (request.url ?? '').split('?')[0];
        const body = Buffer.concat(chunks).toString('utf8');
        const method = path.replace(/^\/api\//, '');
        const answer = path.startsWith('/response/')
          ? fake.recordResponseUrlPost(path, request.headers, body)
          : fake.answer(method, request.headers, body);
        const send = () => {
          response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
          response.end(JSON.stringify(answer.body));
        };
        const hold = fake.heldAnswers.get(method);
        const lastCall = fake.calls.at(-1);
        if (hold && lastCall?.method === method && (!hold.when || hold.when(lastCall.args))) hold.waiting.push(send);
        else send();
      });
    });
    server.on('upgrade', (request, socket) => {
      if (request.url !== SOCKET_MODE_PATH) {
        socket.destroy();
        return;
      }
      fake.socketModeConnections.push(FakeSocketModeConnection.accept(request, socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlackWebApi(server, `http://127.0.0.1:${port}/api/`);
    return fake;
  }

  /** A response_url Slack would hand out with a command or button click; posts to it are recorded as `response_url`. */
  responseUrl(name = 'default'): string {
    return this.url.replace(/\/api\/$/, `/response/${name}`);
  }

  private recordResponseUrlPost(path: string, headers: IncomingHttpHeaders, rawBody: string): ScriptedAnswer {
    this.record({ method: 'response_url', args: { path, ...(safeJson(rawBody) as Record<string, unknown>) }, headers, at: Date.now() });
    return { status: 200, body: { ok: true } };
  }

  /** A workspace the app can be installed in; its bot token is made up unless given. */
  addWorkspace(workspace: Pick<FakeWorkspace, 'teamId'> & Partial<FakeWorkspace>): FakeWorkspace {
    const suffix = workspace.teamId.toLowerCase();
    const added: FakeWorkspace = {
      teamName: `Workspace ${workspace.teamId}`,
      orgWide: false,
      botToken: `xoxb-${suffix}-bot-token-1`,
      botUserId: `U0BOT${workspace.teamId.slice(1)}`,
      botId: `B0BOT${workspace.teamId.slice(1)}`,
      installerUserId: `U0ADMIN${workspace.teamId.slice(1)}`,
      ...workspace,
    };
    this.workspaces.set(workspace.teamId, added);
    return added;
  }

  workspace(teamId: string): FakeWorkspace {
    const found = this.workspaces.get(teamId);
    if (!found) throw new Error(`No fake workspace ${teamId}`);
    return found;
  }

  /** What Slack's authorize page gives the browser once someone in the workspace clicked "Allow": a code for one exchange. */
  issueCode(teamId: string, scope: string, redirectUri?: string): string {
    this.codeCounter += 1;
    const code = `${this.codeCounter}.${teamId}.${Date.now()}`;
    this.codes.set(code, { workspace: this.workspace(teamId), scope, redirectUri });
    return code;
  }

  /** The app was removed from the workspace: its bot token is refused from now on, and its next installation gets a new one. */
  uninstall(teamId: string): FakeWorkspace {
    const workspace = this.workspace(teamId);
    this.revokedTokens.add(workspace.botToken);
    workspace.botToken = workspace.botToken.replace(/-(\d+)$/, (_match, count: string) => `-${Number(count) + 1}`);
    return workspace;
  }

  /** Every call made with `token`. */
  callsWithToken(token: string): SlackCall[] {
    return this.calls.filter((call) => call.token === token);
  }

  /**
   * What users.info says about a user. Without one, a user is in Los Angeles and their address is
   * `<id>@slack-users.example`; `email: null` is a user whose address Slack does not share (the
   * app lacks users:read.email).
   */
  setUser(userId: string, profile: { tz: string; real_name?: string; email?: string | null }): void {
    this.users.set(userId, {
      tz: profile.tz,
      real_name: profile.real_name ?? userId,
      email: profile.email === undefined ? defaultEmail(userId) : profile.email,
    });
  }

  /** The next call to `method` fails with a Slack error the method documents, e.g. `not_in_channel`. */
  failNext(method: string, error: string, { times = 1, when }: ScriptOptions = {}): void {
    const documented = METHOD_DESCRIPTIONS.get(method)?.errors ?? {};
    if (!(error in documented) && error !== 'ratelimited') {
      throw new Error(`Slack does not document ${error} for ${method}; pick one of: ${Object.keys(documented).join(', ')}`);
    }
    for (let index = 0; index < times; index += 1) this.queue(method, { status: 200, body: { ok: false, error }, when });
  }

  /** The next call to `method` is rate-limited the way Slack does it: HTTP 429 with Retry-After. */
  rateLimitNext(method: string, retryAfterSeconds: number, { times = 1, when }: ScriptOptions = {}): void {
    for (let index = 0; index < times; index += 1) {
      this.queue(method, {
        status: 429,
        body: { ok: false, error: 'ratelimited' },
        headers: { 'Retry-After': String(retryAfterSeconds) },
        when,
      });
    }
  }

  /** apps.connections.open answers with `url` from now on (e.g. a port where nothing listens); without one, with this fake's own endpoint again. */
  useSocketModeUrl(url?: string): void {
    this.socketModeUrl = url ?? this.url.replace(/^http:/, 'ws:').replace(/\/api\/$/, SOCKET_MODE_PATH);
  }

  /** Closes every open Socket Mode connection, as Slack does when it moves a client elsewhere. */
  dropSocketModeConnections(): void {
    for (const connection of this.socketModeConnections) connection.close();
  }

  /**
   * Calls to `method` (those whose arguments match `when`, if given) are recorded as they arrive
   * but answered only when the returned function is called, or the fake is reset or closed: a
   * Slack API slow to answer. A caller that gives up first sees no answer at all.
   */
  holdAnswers(method: string, { when }: Pick<ScriptOptions, 'when'> = {}): () => void {
    this.heldAnswers.set(method, { when, waiting: [] });
    return () => this.releaseHeldAnswers(method);
  }

  private releaseHeldAnswers(method: string): void {
    const held = this.heldAnswers.get(method);
    this.heldAnswers.delete(method);
    for (const send of held?.waiting ?? []) send();
  }

  /** Calls `listener` with every call as it arrives; returns a function that stops listening. */
  onCall(listener: (call: SlackCall) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.scripted.clear();
    for (const method of [...this.heldAnswers.keys()]) this.releaseHeldAnswers(method);
  }

  async close(): Promise<void> {
    this.dropSocketModeConnections();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(call: SlackCall): void {
    this.calls.push(call);
    for (const listener of this.callListeners) listener(call);
  }

  private queue(method: string, answer: ScriptedAnswer): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), answer]);
  }

  private answer(method: string, headers: IncomingHttpHeaders, rawBody: string): ScriptedAnswer {
    const args = decodeArguments(headers['content-type'], rawBody);
    const token = /^Bearer (.+)$/.exec(String(headers.authorization ?? ''))?.[1];
    this.record({ method, args, headers, token, at: Date.now() });
    const description = METHOD_DESCRIPTIONS.get(method);
    if (!description) return { status: 200, body: { ok: false, error: 'unknown_method' } };
    // The OAuth exchange is authenticated by the app's client id and secret, not by a token.
    if (method === 'oauth.v2.access') return { status: 200, body: this.exchangeCode(args) };
    // Socket Mode's method takes the app-level token; every other method a bot or user token.
    const tokenPattern = method === 'apps.connections.open' ? /^Bearer xapp-/ : /^Bearer xox[bp]-/;
    if (!tokenPattern.test(String(headers.authorization ?? ''))) return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (token && this.revokedTokens.has(token)) return { status: 200, body: { ok: false, error: 'token_revoked' } };
    const missing = missingArguments(description, args);
    if (missing.length > 0) {
      return {
        status: 200,
        body: {
          ok: false,
          error: 'invalid_arguments',
          response_metadata: { messages: missing.map((name) => `[ERROR] missing required field: ${name}`) },
        },
      };
    }
    const queue = this.scripted.get(method) ?? [];
    const index = queue.findIndex((answer) => !answer.when || answer.when(args));
    if (index >= 0) return queue.splice(index, 1)[0];
    return { status: 200, body: this.success(method, args, description, token) };
  }

  /** `oauth.v2.access`: the documented answer (its first example's shape) for a code the authorize page issued, once. */
  private exchangeCode(args: Record<string, unknown>): unknown {
    if (args.client_id !== FAKE_OAUTH_CLIENT.id) return { ok: false, error: 'invalid_client_id' };
    if (args.client_secret !== FAKE_OAUTH_CLIENT.secret) return { ok: false, error: 'bad_client_secret' };
    const issued = this.codes.get(String(args.code));
    if (!issued) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(args.code));
    // Slack's rule: the exchange names the redirect URI the authorize request named, if it named one.
    if (issued.redirectUri !== undefined && args.redirect_uri !== issued.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    const { workspace, scope } = issued;
    return {
      ok: true,
      access_token: workspace.botToken,
      token_type: 'bot',
      scope,
      bot_user_id: workspace.botUserId,
      app_id: FAKE_APP_ID,
      team: workspace.orgWide ? null : { name: workspace.teamName, id: workspace.teamId },
      enterprise: workspace.enterprise ?? null,
      is_enterprise_install: workspace.orgWide,
      authed_user: { id: workspace.installerUserId },
    };
  }

  private authTestFor(workspace: FakeWorkspace): unknown {
    return {
      ok: true,
      url: workspace.orgWide ? 'https://fake-org.enterprise.slack.example/' : `https://${workspace.teamId.toLowerCase()}.slack.example/`,
      team: workspace.teamName,
      user: 'interview-scheduler',
      team_id: workspace.teamId,
      user_id: workspace.botUserId,
      bot_id: workspace.botId,
      ...(workspace.enterprise ? { enterprise_id: workspace.enterprise.id } : {}),
      is_enterprise_install: workspace.orgWide,
    };
  }

  private success(method: string, args: Record<string, unknown>, description: MethodDescription, token: string | undefined): unknown {
    const example = JSON.parse(description.response?.examples?.[0] ?? '{"ok": true}') as Record<string, unknown>;
    switch (method) {
      case 'chat.postMessage': {
        this.messageCounter += 1;
        const ts = `${1_800_000_000 + this.messageCounter}.000100`;
        return { ...example, ok: true, channel: args.channel, ts, message: { text: args.text, blocks: args.blocks, ts } };
      }
      case 'chat.update':
        return { ...example, ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        this.messageCounter += 1;
        return { ok: true, message_ts: `${1_800_000_000 + this.messageCounter}.000200` };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^[UW]/, '')}` } };
      case 'conversations.join':
        return { ...example, ok: true, channel: { ...(example.channel as object), id: args.channel } };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        this.viewCounter += 1;
        const view = args.view as Record<string, unknown>;
        return {
          ok: true,
          view: { ...view, id: args.view_id ?? `V${String(this.viewCounter).padStart(8, '0')}`, hash: `hash-${this.viewCounter}` },
        };
      }
      case 'users.info': {
        const user = this.users.get(String(args.user)) ?? {
          tz: 'America/Los_Angeles',
          real_name: String(args.user),
          email: defaultEmail(String(args.user)),
        };
        const exampleUser = example.user as Record<string, unknown> & { profile: Record<string, unknown> };
        const { email: _exampleEmail, ...profileWithoutEmail } = exampleUser.profile;
        const profile = { ...profileWithoutEmail, real_name: user.real_name, ...(user.email === null ? {} : { email: user.email }) };
        return { ...example, ok: true, user: { ...exampleUser, id: args.user, tz: user.tz, real_name: user.real_name, profile } };
      }
      case 'apps.connections.open':
        return { ok: true, url: this.socketModeUrl };
      case 'auth.test': {
        const workspace = [...this.workspaces.values()].find((each) => each.botToken === token);
        if (workspace) return this.authTestFor(workspace);
        return {
          ok: true,
          url: 'https://fake.slack.example/',
          team: 'Fake Workspace',
          user: 'interview-scheduler',
          team_id: 'T0FAKE',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        };
      }
      default:
        return { ...example, ok: true };
    }
  }
}

function defaultEmail(userId: string): string {
  return `${userId.toLowerCase()}@slack-users.example`;
}

function decodeArguments(contentType: string | undefined, rawBody: string): Record<string, unknown> {
  if (String(contentType).includes('application/json')) {
    return rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : {};
  }
  const args: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(rawBody)) {
    args[name] = JSON_ARGUMENTS.has(name) ? safeJson(value) : value;
  }
  return args;
}

function missingArguments(description: MethodDescription, args: Record<string, unknown>): string[] {
  const missing = Object.entries(description.args)
    .filter(([name, spec]) => spec.required && name !== 'token' && args[name] === undefined)
    .map(([name]) => name);
  for (const group of description.arg_groups ?? []) {
    if (!group.args.some((name) => args[name] !== undefined)) missing.push(group.args.join(' or '));
  }
  return missing;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function loadMethodDescriptions(): Map<string, MethodDescription> {
  const folder = fixturePath('slack-web-api');
  return new Map(
    readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(folder, file), 'utf8')) as MethodDescription]),
  );
}
