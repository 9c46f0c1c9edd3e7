import pino from 'pino';
import { BookingRequest } from '../../src/domain/bookings/BookingRequest';
import { DeliveryJob, DeliveryKind, DeliveryStatus } from '../../src/domain/deliveries/DeliveryJob';
import { DeliveryWorker, type DeliveryHandlers } from '../../src/delivery/deliveryWorker';
import { addAvailabilitySlots } from '../../src/domain/slots/addAvailabilitySlots';
import { requestCandidateBooking } from '../../src/domain/bookings/requestCandidateBooking';
import { openTestDomain, type TestDomain } from '../support/testDatabase';

const settings = { maxAttempts: 3, retryBaseMs: 1000, retryMaxMs: 60_000, pollIntervalMs: 10_000, leaseSeconds: 30, batchSize: 10 };
const silent = pino({ level: 'silent' });

let domain: TestDomain;
let clock: Date;
let request: BookingRequest;

beforeEach(async () => {
  clock = new Date('2030-03-04T10:00:00Z');
  domain = await openTestDomain({ now: clock });
  const [slot] = await addAvailabilitySlots(domain.context, {
    slots: [{ startsAt: new Date('2030-03-05T09:00:00Z'), durationMinutes: 30, interviewer: 'U0ADA' }],
    actor: { kind: 'api' },
  });
  ({
    offer: { request },
  } = await requestCandidateBooking(domain.context, {
    input: { candidateName: 'Jane', candidateEmail: 'jane@example.com', channelId: 'C0HIRING', slotIds: [slot.id] },
    actor: { kind: 'api' },
  }));
});
afterEach(async () => {
  await domain.close();
});

const worker = (handlers: DeliveryHandlers) =>
  new DeliveryWorker({ database: domain.database, handlers, logger: silent, settings, now: () => clock });
const jobOf = (kind: DeliveryKind) =>
  domain.database.read((manager) => manager.findOneByOrFail(DeliveryJob, { bookingRequestId: request.id, kind }));

describe('the delivery worker, for a booking request not yet booked', () => {
  it('hands the handler the booking request, and stores where its message landed', async () => {
    const seen: BookingRequest[] = [];
    await worker({
      [DeliveryKind.BookingLinkEmail]: async () => ({ providerMessageId: 'sg-1' }),
      [DeliveryKind.BookingRequestPost]: async (_job, _payload, subject) => {
        seen.push(subject);
        return {
          providerMessageId: '1800000000.000100',
          bookingRequestChanges: { slackMessageChannelId: 'C0HIRING', slackMessageTs: '1800000000.000100' },
        };
      },
    }).deliverDueJobs();
    expect(seen.map((subject) => subject.id)).toEqual([request.id]);
    const stored = await domain.database.read((manager) => manager.findOneByOrFail(BookingRequest, { id: request.id }));
    expect(stored).toMatchObject({ slackMessageChannelId: 'C0HIRING', slackMessageTs: '1800000000.000100' });
    expect(await jobOf(DeliveryKind.BookingRequestPost)).toMatchObject({ status: DeliveryStatus.Delivered, interviewId: null });
  });

  it('redraws the request’s message once its email went out', async () => {
    await worker({
      [DeliveryKind.BookingLinkEmail]: async () => ({ providerMessageId: 'sg-1' }),
      [DeliveryKind.BookingRequestMessageUpdate]: async () => ({}),
    }).deliverDueJobs();
    const updates = await domain.database.read((manager) =>
      manager.findBy(DeliveryJob, { bookingRequestId: request.id, kind: DeliveryKind.BookingRequestMessageUpdate }),
    );
    expect(updates).toHaveLength(1);
  });

  it('records a job its handler found no longer needed as skipped, with the reason, and sends nothing more', async () => {
    await worker({
      [DeliveryKind.BookingLinkEmail]: async () => ({ skipped: 'Not needed any more: the booking request is booked.' }),
    }).deliverDueJobs();
    expect(await jobOf(DeliveryKind.BookingLinkEmail)).toMatchObject({
      status: DeliveryStatus.Skipped,
      lastError: 'Not needed any more: the booking request is booked.',
    });
    expect(await domain.database.read((manager) => manager.countBy(DeliveryJob, { kind: DeliveryKind.BookingRequestMessageUpdate }))).toBe(
      0,
    );
  });

  it('fails a job whose booking request is gone, saying so', async () => {
    await domain.database.transaction((manager) => manager.delete(BookingRequest, { id: request.id }));
    await worker({ [DeliveryKind.BookingLinkEmail]: async () => ({ providerMessageId: 'sg-1' }) }).deliverDueJobs();
    expect(await jobOf(DeliveryKind.BookingLinkEmail)).toMatchObject({
      status: DeliveryStatus.Failed,
      lastError: 'The booking request no longer exists.',
    });
  });

  it('runs the nudge and the expiry only once they fall due', async () => {
    const handled: string[] = [];
    const recording = (kind: string) => async () => {
      handled.push(kind);
      return {};
    };
    const handlers = { [DeliveryKind.BookingLinkEmail]: recording('email'), [DeliveryKind.BookingRequestExpiry]: recording('expiry') };
    await worker(handlers).deliverDueJobs();
    expect(handled).toEqual(['email']);
    clock = new Date('2030-03-05T09:00:00Z');
    await worker(handlers).deliverDueJobs();
    expect(handled.sort()).toEqual(['email', 'email', 'expiry']);
  });
});
