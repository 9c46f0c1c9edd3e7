/** Why a pool member was picked (see PickReason in src/domain/plans/poolPick.ts). */
export type StoredPickReason = 'only_free' | 'fewest_interviews' | 'least_recently_interviewed' | 'pool_order' | 'conflicts_allowed';

/** Whom one pool of an interview picked, as stored with the interview and shown in the answer and the channel message. */
export interface StoredPoolPick {
  anyOf: string[];
  count: number;
  chosen: Array<{
    interviewer: string;
    reason: StoredPickReason;
    /** Their interviews in the 7 days around the time, when picked. */
    interviewsNearby: number;
    /** Their latest interview before the time, ISO 8601; null when none. */
    lastInterviewAt: string | null;
  }>;
}
