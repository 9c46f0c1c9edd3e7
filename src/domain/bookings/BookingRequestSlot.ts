import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One slot offered by one booking request. Whether it can still be picked is read from the slot
 * itself (`availability_slot.bookedInterviewId`), so a slot booked elsewhere drops out of every
 * offer at once.
 */
@Entity({ name: 'booking_request_slot' })
@Index('booking_request_slot_slot', ['slotId'])
export class BookingRequestSlot {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  bookingRequestId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  slotId: string;

  /** The order the slots were offered in. */
  @Column({ type: 'integer' })
  position: number;

  /** The slot's interviewer as the candidate reads them, when known (never a Slack id). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  interviewerName: string | null;
}
