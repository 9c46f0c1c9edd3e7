import { DeliveryJob } from './DeliveryJob';
import type { DomainContext } from '../shared/domainContext';

/** Every delivery an interview has owed, oldest first. */
export function listDeliveriesForInterview(context: DomainContext, interviewId: string): Promise<DeliveryJob[]> {
  return context.database.read((manager) => manager.find(DeliveryJob, { where: { interviewId }, order: { createdAt: 'ASC' } }));
}

/** Every delivery a booking request has owed (its emails, messages and expiry), oldest first. */
export function listDeliveriesForBookingRequest(context: DomainContext, bookingRequestId: string): Promise<DeliveryJob[]> {
  return context.database.read((manager) =>
    manager.find(DeliveryJob, { where: { bookingRequestId }, order: { createdAt: 'ASC', nextAttemptAt: 'ASC' } }),
  );
}
