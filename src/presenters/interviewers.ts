import type { Interviewer } from '../domain/shared/participants';

/** How an interviewer is named to a candidate: never a raw Slack id. */
export function describeInterviewerForCandidate(interviewer: Interviewer): string | null {
  return interviewer.name ?? interviewer.email ?? null;
}

export function describeInterviewersForCandidate(interviewers: Interviewer[]): string[] {
  return interviewers.map(describeInterviewerForCandidate).filter((name): name is string => name !== null);
}
