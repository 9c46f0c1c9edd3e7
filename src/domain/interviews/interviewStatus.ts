/** The life of an interview. Compared by value everywhere; never by a display string. */
export enum InterviewStatus {
  Scheduled = 'scheduled',
  Cancelled = 'cancelled',
}
