import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@cfworker/json-schema';
import { startTestApplication, type TestApplication } from '../support/testApplication';

type Document = {
  openapi: string;
  info: { description: string };
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, unknown> }>
  >;
};

let app: TestApplication;
let document: Document;
/** Where the served document is filed for its `$ref`s; any absolute URI would do. */
const DOCUMENT_URI = 'https://interview-scheduler.example/openapi.json';

/**
 * Checks `value` against the schema at `reference` (`openapi.json#/<JSON pointer>`) inside the
 * served document, as JSON Schema 2020-12 (OpenAPI 3.1's dialect), formats included; an empty list
 * when it is valid.
 */
function problemsAgainst(reference: string, value: unknown): string[] {
  const validator = new Validator({ $ref: reference.replace(/^openapi\.json/, DOCUMENT_URI) }, '2020-12', false);
  validator.addSchema(document, DOCUMENT_URI);
  const { valid, errors } = validator.validate(value);
  return valid ? [] : errors.map((error) => `${error.instanceLocation}: ${error.error}`);
}
const schemaAccepts = (reference: string, value: unknown) => problemsAgainst(reference, value).length === 0;

/** Every answer the API gave in this file: which operation of the document, its status, and its body. */
const answers: Array<{ operation: string; status: number; body: unknown }> = [];

beforeAll(async () => {
  app = await startTestApplication();
  const response = await fetch(`${app.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  document = (await response.json()) as Document;
});
afterAll(async () => {
  await app?.close();
});

const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** The document's path template a concrete path matches, e.g. /api/slots/{id} for /api/slots/6f…. */
function templateOf(path: string): string {
  const bare = path.split('?')[0];
  const template = Object.keys(document.paths).find((candidate) => new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
  if (!template) throw new Error(`The document has no path for ${bare}`);
  return template;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  answers.push({ operation: `${method.toLowerCase()} ${templateOf(path)}`, status: response.status, body: parsed });
  return { status: response.status, body: parsed as Record<string, unknown> & { id: string } };
}

const HTTP_SOURCE = path.join(__dirname, '../../src/http');

/**
 * Every operation the express app serves under /api, read from its sources: each router mounted
 * with `api.use('/mount', refuseOtherMethods(someRoutes(...)))` in createHttpApp.ts, and each
 * `router.<method>('<path>'` declared by the function that builds that router. As `get /api/loops/{id}`.
 */
function declaredApiOperations(): string[] {
  const sources = [
    path.join(HTTP_SOURCE, 'createHttpApp.ts'),
    ...readdirSync(path.join(HTTP_SOURCE, 'routes')).map((file) => path.join(HTTP_SOURCE, 'routes', file)),
  ].map((file) => readFileSync(file, 'utf8'));
  const appSource = sources[0];
  const mounts = [...appSource.matchAll(/api\.use\((?:'([^']*)',\s*)?refuseOtherMethods\((\w+)\(/g)].map(([, mount, builder]) => ({
    mount: mount ?? '',
    builder,
  }));
  expect(mounts.length).toBeGreaterThan(0);
  return mounts.flatMap(({ mount, builder }) => {
    const source = sources.find((text) => new RegExp(`function ${builder}\\(`).test(text));
    if (!source) throw new Error(`No source declares ${builder}`);
    const body = source.slice(source.search(new RegExp(`function ${builder}\\(`)));
    const routerEnd = body.search(/\n}\n/);
    return [...body.slice(0, routerEnd).matchAll(/router\.(get|post|patch|put|delete)\(\s*'([^']*)'/g)].map(([, method, routePath]) => {
      const template = `/api${mount}${routePath === '/' ? '' : routePath}`.replace(/:(\w+)/g, '{$1}');
      return `${method} ${template}`;
    });
  });
}

const laterHour = (() => {
  let hour = 30;
  return () => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (hour += 1) * 3_600_000).toISOString();
})();

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 and explains scheduledTime and startsAt', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.description).toContain(
      '`scheduledTime` is when an interview starts. `startsAt` is when an availability slot starts.',
    );
  });

  it('names the Retry-After header of every 429 and 503, as the API sends it', () => {
    const described = Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) =>
        ['429', '503']
          .filter((status) => operation.responses[status])
          .map((status) => ({ at: `${method} ${template} ${status}`, response: operation.responses[status] as { headers?: object } })),
      ),
    );
    expect(described.length).toBeGreaterThan(20);
    expect(described.filter(({ response }) => !response.headers || !('Retry-After' in response.headers)).map(({ at }) => at)).toEqual([]);
  });

  it('documents every operation the app serves under /api, and the app answers each documented path with those methods', async () => {
    const served = declaredApiOperations();
    const documented = Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.keys(methods).map((method) => `${method} ${template}`),
    );
    expect([...served].sort()).toEqual([...documented].sort());
    const problems: string[] = [];
    for (const [template, methods] of Object.entries(document.paths)) {
      const concrete = template.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await fetch(`${app.url}${concrete}`, { method: 'OPTIONS' });
      const allowed = (response.headers.get('allow') ?? '')
        .split(/,\s*/)
        .filter((method) => method !== 'HEAD')
        .sort();
      const expected = Object.keys(methods)
        .map((method) => method.toUpperCase())
        .sort();
      if (response.status !== 204 || allowed.join() !== expected.join())
        problems.push(`OPTIONS ${template}: ${response.status}, Allow ${allowed.join()}; the document says ${expected.join()}`);
    }
    expect(problems).toEqual([]);
  });

  it('describes every real answer of every /api route, and every route was called', async () => {
    const interview = await call(
      'POST',
      '/api/interviews',
      {
        candidateName: 'Open Api',
        candidateEmail: 'openapi@example.com',
        role: 'Engineer',
        interviewers: ['ada@example.com'],
        scheduledTime: laterHour(),
      },
      { 'Idempotency-Key': 'openapi-create' },
    );
    expect(interview.status).toBe(201);
    await call(
      'POST',
      '/api/interviews',
      {
        candidateName: 'Open Api',
        candidateEmail: 'openapi@example.com',
        role: 'Engineer',
        interviewers: ['ada@example.com'],
        scheduledTime: answers[0].body && (answers[0].body as { scheduledTime: string }).scheduledTime,
      },
      { 'Idempotency-Key': 'openapi-create' },
    );
    await call('POST', '/api/interviews', { candidateName: 'X', candidateEmail: 'nope', durationMinutes: '60', extra: true });
    const tooLarge = { candidateName: 'Big', candidateEmail: 'big@example.com', notes: 'x'.repeat(70_000) };
    expect((await call('POST', '/api/interviews', tooLarge)).status).toBe(413);
    const latin1 = { 'Content-Type': 'application/json; charset=latin1' };
    expect((await call('PATCH', `/api/interviews/${interview.body.id}`, { role: 'Latin' }, latin1)).status).toBe(415);
    await call('GET', '/api/interviews?limit=1');
    await call('GET', '/api/interviews?limit=0');
    await call('GET', `/api/interviews/${interview.body.id}`);
    await call('GET', '/api/interviews/00000000-0000-4000-8000-000000000000');
    await call('PATCH', `/api/interviews/${interview.body.id}`, { role: 'Staff Engineer', durationMinutes: 60 });
    await call('POST', `/api/interviews/${interview.body.id}/resend`);
    await call('POST', `/api/interviews/${interview.body.id}/resend`);
    await call('POST', `/api/interviews/${interview.body.id}/rotate-link`);
    await call('PATCH', `/api/interviews/${interview.body.id}`, { meetingUrl: 'https://meet.example.com/open-api' });
    await call('POST', `/api/interviews/${interview.body.id}/cancel`);
    await call('PATCH', `/api/interviews/${interview.body.id}`, { role: 'Too late' });
    await call('PUT', '/api/interviews');

    const slot = await call('POST', '/api/slots', { startsAt: laterHour(), durationMinutes: 30, interviewers: ['ada@example.com'] });
    await call('POST', '/api/slots', { startsAt: slot.body.startsAt, durationMinutes: 30, interviewers: ['ada@example.com'] });
    const many = await call('POST', '/api/slots', {
      slots: [0, 1, 2].map(() => ({ startsAt: laterHour(), durationMinutes: 45, interviewers: ['U0ADA'] })),
    });
    await call('GET', '/api/slots?limit=2');
    await call('GET', '/api/slots?limit=abc');
    await call('GET', `/api/slots/${slot.body.id}`);
    await call('PATCH', `/api/slots/${slot.body.id}`, { durationMinutes: 60 });
    await call('DELETE', `/api/slots/${slot.body.id}`);
    const [offered, booked] = (many.body as unknown as { slots: Array<{ id: string }> }).slots;
    await call('POST', '/api/interviews', { candidateName: 'Slotted', candidateEmail: 'slotted@example.com', slotId: booked.id });
    await call('DELETE', `/api/slots/${booked.id}`);

    const request = await call('POST', '/api/booking-requests', {
      candidateName: 'Picker',
      candidateEmail: 'picker@example.com',
      slotIds: [offered.id],
    });
    expect(request.status).toBe(201);
    await call('GET', '/api/booking-requests');
    await call('GET', `/api/booking-requests/${request.body.id}`);
    await call('POST', `/api/booking-requests/${request.body.id}/resend`);
    await call('POST', `/api/booking-requests/${request.body.id}/cancel`);
    await call('POST', `/api/booking-requests/${request.body.id}/resend`);

    const pooled = await call('POST', '/api/interviews', {
      candidateName: 'Pooled',
      candidateEmail: 'pooled@example.com',
      interviewers: [{ anyOf: ['bo@example.com', 'cy@example.com'], count: 1 }],
      scheduledTime: laterHour(),
    });
    expect(pooled.status).toBe(201);
    expect(pooled.body.poolPicks).toHaveLength(1);
    const busyTime = laterHour();
    const dee = { candidateName: 'Busy', candidateEmail: 'busy@example.com', interviewers: ['dee@example.com'], scheduledTime: busyTime };
    expect((await call('POST', '/api/interviews', dee)).status).toBe(201);
    const deeInAPool = { ...dee, interviewers: [{ anyOf: ['dee@example.com'] }] };
    const busy = await call('POST', '/api/interviews', deeInAPool);
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'interviewers_busy', busy: [{ interviewer: 'dee@example.com' }] });
    expect((await call('POST', '/api/interviews', { ...deeInAPool, allowConflicts: true })).status).toBe(201);
    const moved = await call('PATCH', `/api/interviews/${pooled.body.id}`, { scheduledTime: busyTime, allowConflicts: true });
    expect(moved.status).toBe(200);

    const loopBody = {
      candidateName: 'Looped',
      candidateEmail: 'looped@example.com',
      scheduledTime: laterHour(),
      maxGapMinutes: 10,
      sessions: [
        { title: 'Coding', durationMinutes: 45, interviewers: ['eve@example.com'] },
        { title: 'System design', durationMinutes: 60, interviewers: [{ anyOf: ['fay@example.com', 'gus@example.com'] }] },
      ],
    };
    const loop = await call('POST', '/api/interviews', loopBody, { 'Idempotency-Key': 'openapi-loop' });
    expect(loop.status).toBe(201);
    expect((await call('POST', '/api/interviews', loopBody, { 'Idempotency-Key': 'openapi-loop' })).status).toBe(200);
    await call('POST', '/api/interviews', { ...loopBody, sessions: [loopBody.sessions[0]] });
    await call('GET', `/api/loops/${loop.body.id}`);
    await call('GET', '/api/loops/00000000-0000-4000-8000-000000000000');
    expect((await call('PATCH', `/api/loops/${loop.body.id}`, { startsAt: laterHour() })).status).toBe(200);
    await call('PATCH', `/api/loops/${loop.body.id}`, { startsAt: 'soon', title: 'x' });
    const busyLoop = await call('POST', '/api/interviews', {
      ...loopBody,
      candidateEmail: 'looped-again@example.com',
      scheduledTime: laterHour(),
      sessions: [loopBody.sessions[0], { title: 'Hiring manager', durationMinutes: 30, interviewers: ['dee@example.com'] }],
    });
    expect(busyLoop.status).toBe(201);
    const clash = await call('PATCH', `/api/loops/${busyLoop.body.id}`, {
      startsAt: new Date(Date.parse(busyTime) - 45 * 60_000).toISOString(),
    });
    expect(clash.status).toBe(409);
    expect((await call('POST', `/api/loops/${loop.body.id}/cancel`)).status).toBe(200);
    await call('POST', `/api/loops/${loop.body.id}/cancel`);
    await call('PATCH', `/api/loops/${loop.body.id}`, { startsAt: laterHour() });
    const planOffered = await call('POST', '/api/booking-requests', {
      candidateName: 'Loop Picker',
      candidateEmail: 'loop-picker@example.com',
      sessions: [
        { title: 'Coding', durationMinutes: 30, interviewers: ['ivy@example.com'] },
        { title: 'Design', durationMinutes: 30, interviewers: [{ anyOf: ['jo@example.com', 'kit@example.com'] }] },
      ],
      findTimes: { count: 2 },
    });
    expect(planOffered.status).toBe(201);
    await call('GET', `/api/booking-requests/${planOffered.body.id}`);
    const pooledFree = await call(
      'GET',
      `/api/free-times?durationMinutes=30&limit=2&interviewers=${encodeURIComponent(JSON.stringify(['ada@example.com', { anyOf: ['bo@example.com', 'cy@example.com'] }]))}`,
    );
    expect(pooledFree.status).toBe(200);

    const free = await call('GET', '/api/free-times?interviewers=ada@example.com,bo@example.com&durationMinutes=30&limit=3');
    expect(free.status).toBe(200);
    await call('GET', '/api/free-times?interviewers=ada@example.com&durationMinutes=soon&colour=blue');

    const found = await call('POST', '/api/booking-requests', {
      candidateName: 'Finder',
      candidateEmail: 'finder@example.com',
      interviewers: ['hal@example.com'],
      findTimes: { count: 2 },
    });
    expect(found.status).toBe(201);
    const nothingFree = await call('POST', '/api/booking-requests', {
      candidateName: 'Finder',
      candidateEmail: 'finder@example.com',
      interviewers: ['dee@example.com'],
      durationMinutes: 60,
      findTimes: { from: busyTime, to: new Date(Date.parse(busyTime) + 3_600_000).toISOString() },
    });
    expect(nothingFree.status).toBe(409);
    expect(nothingFree.body.error).toMatchObject({
      code: 'no_free_times',
      calendars: [{ interviewer: 'dee@example.com', status: 'none' }],
    });

    const problems: string[] = [];
    for (const { operation, status, body } of answers) {
      const [askedMethod, template] = operation.split(' ');
      // A method the path does not answer is refused with the 405 each of its operations describes.
      const method = status === 405 ? Object.keys(document.paths[template])[0] : askedMethod;
      const described = document.paths[template]?.[method]?.responses[String(status)] as
        { content?: Record<string, { schema: unknown }> } | undefined;
      if (!described) {
        problems.push(`${operation} answered ${status}, which the document does not describe`);
        continue;
      }
      if (!described.content) {
        if (body !== undefined) problems.push(`${operation} ${status} has a body the document does not describe`);
        continue;
      }
      const schemaPointer = `openapi.json#/${pointer('paths', template, method, 'responses', String(status), 'content', 'application/json', 'schema')}`;
      const bodyProblems = problemsAgainst(schemaPointer, body);
      if (bodyProblems.length > 0) problems.push(`${operation} ${status}: ${bodyProblems.join('; ')}`);
    }
    expect(problems).toEqual([]);

    const operations = Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.keys(methods).map((method) => `${method} ${template}`),
    );
    const called = new Set(answers.filter((answer) => answer.status !== 405).map((answer) => answer.operation));
    expect(operations.filter((operation) => operation !== 'get /api/openapi.json' && !called.has(operation))).toEqual([]);
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200, 201, 202, 204, 400, 404, 405, 409, 413, 415, 429]));
  });

  it('describes request bodies as the API checks them: unknown fields and numbers as text are invalid there too', () => {
    const schemaOf = (template: string, method: string) =>
      `openapi.json#/${pointer('paths', template, method, 'requestBody', 'content', 'application/json', 'schema')}`;
    const interviewBody = schemaOf('/api/interviews', 'post');
    expect(schemaAccepts(interviewBody, { candidateName: 'Jane', candidateEmail: 'jane@example.com', durationMinutes: 60 })).toBe(true);
    expect(schemaAccepts(interviewBody, { candidateName: 'Jane', candidateEmail: 'jane@example.com', durationMinutes: '60' })).toBe(false);
    expect(schemaAccepts(interviewBody, { candidateName: 'Jane', candidateEmail: 'jane@example.com', startTime: 'x' })).toBe(false);
    const pool = { anyOf: ['ada@example.com', 'U0ADA'], count: 1 };
    expect(
      schemaAccepts(interviewBody, { candidateName: 'J', candidateEmail: 'j@example.com', interviewers: [pool], allowConflicts: true }),
    ).toBe(true);
    expect(
      schemaAccepts(interviewBody, { candidateName: 'J', candidateEmail: 'j@example.com', interviewers: [{ anyOf: [], count: 1 }] }),
    ).toBe(false);
    expect(
      schemaAccepts(interviewBody, { candidateName: 'J', candidateEmail: 'j@example.com', interviewers: [{ oneOf: ['U0ADA'] }] }),
    ).toBe(false);
    const session = (title: string) => ({ title, durationMinutes: 45, interviewers: ['U0ADA', pool] });
    expect(
      schemaAccepts(interviewBody, {
        candidateName: 'J',
        candidateEmail: 'j@example.com',
        maxGapMinutes: 15,
        sessions: [session('A'), session('B')],
      }),
    ).toBe(true);
    expect(schemaAccepts(interviewBody, { candidateName: 'J', candidateEmail: 'j@example.com', sessions: [session('Only one')] })).toBe(
      false,
    );
    expect(
      schemaAccepts(interviewBody, {
        candidateName: 'J',
        candidateEmail: 'j@example.com',
        sessions: [session('A'), { title: 'B', durationMinutes: 30 }],
      }),
    ).toBe(false);
    expect(
      schemaAccepts(interviewBody, {
        candidateName: 'J',
        candidateEmail: 'j@example.com',
        maxGapMinutes: 121,
        sessions: [session('A'), session('B')],
      }),
    ).toBe(false);
    const edit = schemaOf('/api/interviews/{id}', 'patch');
    expect(schemaAccepts(edit, { meetingUrl: 'https://meet.example.com/x' })).toBe(true);
    expect(schemaAccepts(edit, { meetingUrl: 'https://meet.example.com/x', role: 'Engineer' })).toBe(false);
    expect(schemaAccepts(edit, { scheduledTime: '2030-01-01T10:00:00Z', allowConflicts: true })).toBe(true);
    expect(schemaAccepts(edit, { scheduledTime: '2030-01-01T10:00:00Z', allowConflicts: 'yes' })).toBe(false);
    const moveLoop = schemaOf('/api/loops/{id}', 'patch');
    expect(schemaAccepts(moveLoop, { startsAt: '2030-01-01T10:00:00Z' })).toBe(true);
    expect(schemaAccepts(moveLoop, { startsAt: '2030-01-01T10:00:00Z', maxGapMinutes: 5 })).toBe(false);
    expect(schemaAccepts(edit, { candidateEmail: 'new@example.com', interviewers: ['U0ADA'] })).toBe(true);
    expect(schemaAccepts(edit, {})).toBe(false);
    const slots = schemaOf('/api/slots', 'post');
    expect(schemaAccepts(slots, { startsAt: '2030-01-01T10:00:00Z', durationMinutes: 30, interviewers: ['ada@example.com'] })).toBe(true);
    expect(schemaAccepts(slots, { slots: [{ startsAt: '2030-01-01T10:00:00Z', durationMinutes: 30, interviewers: ['U0ADA'] }] })).toBe(
      true,
    );
    expect(schemaAccepts(slots, { startsAt: '2030-01-01T10:00:00Z', durationMinutes: 30, interviewers: ['a@b.co', 'U0ADA'] })).toBe(false);
    const booking = schemaOf('/api/booking-requests', 'post');
    expect(
      schemaAccepts(booking, { candidateName: 'J', candidateEmail: 'j@example.com', slotIds: ['00000000-0000-4000-8000-000000000000'] }),
    ).toBe(true);
    expect(schemaAccepts(booking, { candidateName: 'J', candidateEmail: 'j@example.com', slotIds: [], scheduledTime: 'x' })).toBe(false);
    const finding = { candidateName: 'J', candidateEmail: 'j@example.com', interviewers: ['U0ADA'] };
    expect(schemaAccepts(booking, { ...finding, findTimes: { from: '2030-01-01T09:00:00Z', count: 3 } })).toBe(true);
    expect(schemaAccepts(booking, { ...finding, findTimes: { count: 0 } })).toBe(false);
    expect(schemaAccepts(booking, { ...finding, findTimes: { within: 'a week' } })).toBe(false);
  });
});
