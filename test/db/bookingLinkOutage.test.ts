import { describeWithPostgres } from '../requirements/describeWith';
import { CuttableTcpProxy } from '../support/cuttableTcpProxy';
import { createScratchDatabase } from '../support/postgres';
import { buttonClickPayload } from '../support/signedSlackRequests';
import { eventually } from '../support/testApplication';
import { startSlackHarness, type SlackHarness } from '../slack/integration/slackTestHarness';

describeWithPostgres('booking links while PostgreSQL is unreachable', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let proxy: CuttableTcpProxy;
  let harness: SlackHarness;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const url = new URL(scratch.url);
    proxy = await CuttableTcpProxy.start(url.hostname, Number(url.port || 5432));
    harness = await startSlackHarness({ DATABASE_URL: proxy.route(scratch.url) });
  }, 30_000);

  afterAll(async () => {
    await harness?.close();
    await proxy?.close();
    await scratch?.drop();
  });

  it('answers the candidate, the API and Slack that it is a moment’s trouble, never a 500, and books once it is back', async () => {
    const slot = (await (
      await fetch(`${harness.app.url}/api/slots`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
          durationMinutes: 30,
          interviewers: ['U0ADA'],
        }),
      })
    ).json()) as { id: string };
    const slotId = slot.id;
    const body = { candidateName: 'Outage Candidate', candidateEmail: 'outage.booking@example.com', slotIds: [slotId] };
    const created = (await (
      await fetch(`${harness.app.url}/api/booking-requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as { id: string; bookingLink: string };
    const token = created.bookingLink.split('token=')[1];
    const book = () =>
      fetch(`${harness.app.url}/book/`, { method: 'POST', body: new URLSearchParams({ token, slotId }), redirect: 'manual' });

    proxy.cut();
    try {
      const page = await fetch(`${harness.app.url}/book/?token=${token}`);
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toBe('2');
      const booking = await book();
      expect(booking.status).toBe(503);
      expect(await booking.text()).toBe('This page is unavailable for a moment. Please reload it in a few seconds.');
      const api = await fetch(`${harness.app.url}/api/booking-requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'outage-1' },
        body: JSON.stringify(body),
      });
      expect(api.status).toBe(503);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
      await harness.interact(
        buttonClickPayload({ actionId: 'resend_booking_link', value: created.id, responseUrl: harness.slack.responseUrl('outage-resend') }),
      );
      const note = await eventually(
        () => harness.slack.callsTo('response_url').find((call) => String(call.args.path).endsWith('/outage-resend')),
        'the private note',
      );
      expect(String(note.args.text)).toContain('try again in a moment');
    } finally {
      proxy.restore();
    }
    await eventually(async () => (await fetch(`${harness.app.url}/readyz`)).status === 200, 'the database to be back');
    expect((await book()).status).toBe(303);
  });
});
