import { cancelInterview } from '../../src/domain/interviews/cancelInterview';
import { startTestApplication, type TestApplication } from '../support/testApplication';

let app: TestApplication;

beforeAll(async () => {
  app = await startTestApplication({ env: { PUBLIC_BASE_URL: 'https://hire.acme.example' } });
});
afterAll(async () => {
  await app?.close();
});

describe('the join page’s calendar file', () => {
  it('is offered as an invitation, and as a cancellation once cancelled, by its Content-Type', async () => {
    const response = await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Cal Endar', candidateEmail: 'calendar-file@example.com' }),
    });
    const interview = (await response.json()) as { id: string; sessionKey: string };
    const url = `${app.url}/interview/calendar.ics?session_key=${interview.sessionKey}`;
    const invitation = await fetch(url);
    expect(invitation.status).toBe(200);
    expect(invitation.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(invitation.headers.get('content-disposition')).toBe('attachment; filename="interview.ics"');
    expect(await invitation.text()).toContain('METHOD:REQUEST');

    await cancelInterview(app.context, { interviewId: interview.id, actor: { kind: 'api' } });
    const cancellation = await fetch(url);
    expect(cancellation.status).toBe(200);
    expect(cancellation.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(cancellation.headers.get('content-disposition')).toBe('attachment; filename="interview.ics"');
    expect(await cancellation.text()).toContain('METHOD:CANCEL');

    expect((await fetch(`${app.url}/interview/calendar.ics?session_key=${'1'.repeat(32)}`)).status).toBe(404);
  });
});
