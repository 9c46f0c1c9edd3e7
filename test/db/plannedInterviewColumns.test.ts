import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSettings } from '../../src/config/appConfig';
import { Database } from '../../src/db/database';
import { insertRows } from '../../src/db/insertRows';
import { openDatabase } from '../../src/domain/appDatabase';
import { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import { BookingRequestStatus } from '../../src/domain/bookings/bookingRequestStatus';
import { Interview } from '../../src/domain/interviews/Interview';
import { InterviewStatus } from '../../src/domain/interviews/interviewStatus';
import { describeWithPostgres } from '../requirements/describeWith';
import { createScratchDatabase } from '../support/postgres';

const NOW = new Date('2030-03-04T10:00:00.000Z');

/** Every column an interview and a booking request share (PlannedInterview), with a value in each. */
const SHARED = {
  candidateName: 'Ada Lovelace',
  candidateEmail: 'ada@example.com',
  candidateEmailNormalized: 'ada@example.com',
  role: 'Analyst',
  timezone: 'Europe/London',
  interviewers: [{ slackUserId: 'U0BABBAGE', name: 'Charles Babbage' }, { email: 'mary@example.com' }],
  notes: 'Bring the notes on the engine.',
  meetingUrl: 'https://meet.example.com/ada',
  organizerSlackUserId: 'U0RECRUIT',
  slackTeamId: 'T0ACME',
  slackEnterpriseId: 'E0GRID',
  channelId: 'C0HIRING',
  slackMessageChannelId: 'D0RECRUIT',
  slackMessageTs: '1800000000.000100',
  requestFingerprint: 'f'.repeat(64),
  createdAt: NOW,
  updatedAt: NOW,
};

/** The shared columns' names in both tables, as the migrations made them: unchanged, so no migration was needed. */
const SHARED_COLUMNS = Object.keys(SHARED);

type OpenSettings = () => Promise<{ settings: DatabaseSettings; drop(): Promise<void> }>;

function roundTripTests(openSettings: OpenSettings) {
  let database: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const opened = await openSettings();
    drop = opened.drop;
    database = new Database(await openDatabase(opened.settings));
  });
  afterEach(async () => {
    await database.close();
    await drop();
  });

  it('stores and reads back every column an interview shares with a booking request', async () => {
    const interview = Object.assign(new Interview(), {
      ...SHARED,
      id: '00000000-0000-4000-8000-000000000001',
      idempotencyKey: 'api:ada',
      scheduledTime: new Date('2030-03-05T09:00:00.000Z'),
      durationMinutes: 45,
      status: InterviewStatus.Scheduled,
      sessionKey: 'a'.repeat(32),
      joinLink: `https://hire.example.com/interview/?session_key=${'a'.repeat(32)}`,
      slotId: null,
      calendarSequence: 0,
      candidateFirstOpenedAt: null,
      cancelledAt: null,
      noShowAlertedAt: null,
      loopId: null,
      sessionTitle: null,
      poolPicks: null,
    });
    await database.transaction((manager) => insertRows(manager, Interview, interview));
    const stored = await database.read((manager) => manager.findOneByOrFail(Interview, { id: interview.id }));
    expect(stored).toEqual(interview);
    const [row] = await database.read((manager) =>
      manager.query(`SELECT ${SHARED_COLUMNS.map((name) => `"${name}"`).join(', ')} FROM "interview"`),
    );
    expect(Object.keys(row as object).sort()).toEqual([...SHARED_COLUMNS].sort());
  });

  it('stores and reads back every column a booking request shares with an interview', async () => {
    const request = Object.assign(new BookingRequest(), {
      ...SHARED,
      id: '00000000-0000-4000-8000-000000000002',
      idempotencyKey: 'api:ada-booking',
      token: 'b'.repeat(32),
      bookingLink: `https://hire.example.com/book/?token=${'b'.repeat(32)}`,
      status: BookingRequestStatus.Open,
      durationMinutes: null,
      expiresAt: new Date('2030-03-07T10:00:00.000Z'),
      interviewId: null,
      closedAt: null,
      closedBy: null,
      plan: null,
    });
    await database.transaction((manager) => insertRows(manager, BookingRequest, request));
    const stored = await database.read((manager) => manager.findOneByOrFail(BookingRequest, { id: request.id }));
    expect(stored).toEqual(request);
    const [row] = await database.read((manager) =>
      manager.query(`SELECT ${SHARED_COLUMNS.map((name) => `"${name}"`).join(', ')} FROM "booking_request"`),
    );
    expect(Object.keys(row as object).sort()).toEqual([...SHARED_COLUMNS].sort());
  });
}

describe('the columns an interview and a booking request share, on SQLite', () => {
  roundTripTests(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interview-scheduler-planned-'));
    return {
      settings: { kind: 'sqlite', path: join(folder, 'test.sqlite') },
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  });
});

describeWithPostgres('the columns an interview and a booking request share, on PostgreSQL', () => {
  roundTripTests(async () => {
    const scratch = await createScratchDatabase();
    return { settings: { kind: 'postgres', url: scratch.url }, drop: scratch.drop };
  });
});
