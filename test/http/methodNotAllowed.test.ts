import { startTestApplication, type TestApplication } from '../support/testApplication';

let app: TestApplication;

beforeAll(async () => {
  app = await startTestApplication();
});
afterAll(async () => {
  await app?.close();
});

const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('a known path asked with a method it does not answer', () => {
  it.each([
    ['PUT', '/api/interviews', 'GET, HEAD, POST'],
    ['DELETE', '/api/interviews', 'GET, HEAD, POST'],
    ['POST', `/api/interviews/${SOME_ID}`, 'GET, HEAD, PATCH'],
    ['GET', `/api/interviews/${SOME_ID}/cancel`, 'POST'],
    ['DELETE', `/api/interviews/${SOME_ID}/resend`, 'POST'],
    ['PUT', `/api/interviews/${SOME_ID}/rotate-link`, 'POST'],
    ['PATCH', '/api/booking-requests', 'GET, HEAD, POST'],
    ['DELETE', `/api/booking-requests/${SOME_ID}`, 'GET, HEAD'],
    ['GET', `/api/booking-requests/${SOME_ID}/cancel`, 'POST'],
    ['PUT', '/api/slots', 'GET, HEAD, POST'],
  ])('%s %s answers 405 in JSON with Allow: %s', async (method, path, allowed) => {
    const response = await fetch(`${app.url}${path}`, { method, headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allowed);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('method_not_allowed');
    expect(body.error.message).toContain(method);
  });

  it.each([
    ['DELETE', '/book/', 'GET, HEAD, POST'],
    ['POST', '/interview/', 'GET, HEAD'],
    ['POST', '/interview/calendar.ics', 'GET, HEAD'],
    ['GET', '/interview/opened', 'POST'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['DELETE', '/readyz', 'GET, HEAD'],
    ['POST', '/metrics', 'GET, HEAD'],
    ['POST', '/', 'GET, HEAD'],
  ])('%s %s answers 405 in text with Allow: %s', async (method, path, allowed) => {
    const response = await fetch(`${app.url}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allowed);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toContain(`${method} is not allowed here`);
  });

  it('answers OPTIONS with 204 and the same Allow', async () => {
    const response = await fetch(`${app.url}/api/interviews`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('still answers 404 for a path that does not exist, whatever the method', async () => {
    expect((await fetch(`${app.url}/api/nothing-here`, { method: 'PUT' })).status).toBe(404);
    expect((await fetch(`${app.url}/nothing-here`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${app.url}/api/interviews/${SOME_ID}/unknown`, { method: 'POST' })).status).toBe(404);
  });

  it('changes nothing: the methods a path answers still work', async () => {
    expect((await fetch(`${app.url}/api/interviews`)).status).toBe(200);
    expect((await fetch(`${app.url}/healthz`, { method: 'HEAD' })).status).toBe(200);
  });
});
