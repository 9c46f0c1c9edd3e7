/** The life of a booking request. Compared by value everywhere; never by a display string. */
export enum BookingRequestStatus {
  /** Waiting for the candidate to pick one of the offered slots. */
  Open = 'open',
  /** The candidate picked a slot; the request's `interviewId` is the interview made from it. */
  Booked = 'booked',
  /** Nobody picked in time, or none of the offered slots is open any more. */
  Expired = 'expired',
  /** The hiring team withdrew the offer. */
  Cancelled = 'cancelled',
}
