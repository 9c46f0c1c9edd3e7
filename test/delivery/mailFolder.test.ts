import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ical from 'node-ical';
import { eventually, startTestApplication, type TestApplication } from '../support/testApplication';

let app: TestApplication;

beforeAll(async () => {
  app = await startTestApplication();
});
afterAll(async () => {
  await app?.close();
});

describe('the mail folder, without SendGrid', () => {
  it('writes each email as .json and .html, with its calendar invitation as an .ics beside them', async () => {
    const response = await fetch(`${app.url}/api/interviews`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Folder Candidate', candidateEmail: 'folder@example.com', role: 'Engineer' }),
    });
    expect(response.status).toBe(201);
    const interview = (await response.json()) as { id: string; scheduledTime: string; interviewLink: string };
    const folder = join(app.folder, 'mail');
    const names = await eventually(() => {
      const files = readdirSync(folder, { withFileTypes: true }).map((entry) => entry.name);
      return files.some((name) => name.endsWith('.ics')) ? files : undefined;
    }, 'the invitation in the mail folder');
    const base = names.find((name) => name.endsWith('.ics'))!.replace(/\.ics$/, '');
    expect(names).toEqual(expect.arrayContaining([`${base}.json`, `${base}.html`, `${base}.ics`]));
    expect(readFileSync(join(folder, `${base}.html`), 'utf8')).toContain(interview.interviewLink);
    const calendarFile = readFileSync(join(folder, `${base}.ics`), 'utf8');
    expect(calendarFile).toContain('METHOD:REQUEST');
    const event = Object.values(ical.sync.parseICS(calendarFile)).find((component) => component?.type === 'VEVENT') as ical.VEvent;
    expect(new Date(event.start as unknown as Date).toISOString()).toBe(interview.scheduledTime);
    expect(calendarFile.replace(/\r?\n[ \t]/g, '')).toContain(`Join: ${interview.interviewLink}`);
  });
});
