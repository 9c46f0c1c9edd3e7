/**
 * Schedules an interview for another candidate through the API, to make `interviewers` busy at
 * `startsAt` in a test of who is free; fails the test unless it is made. Answers the interview.
 */
export async function scheduleOtherInterview<Interview = { id: string }>(
  appUrl: string,
  startsAt: Date,
  interviewers: string[],
  durationMinutes = 45,
): Promise<Interview> {
  const response = await fetch(`${appUrl}/api/interviews`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      candidateName: 'Other Candidate',
      candidateEmail: 'other@example.com',
      scheduledTime: startsAt.toISOString(),
      durationMinutes,
      interviewers,
    }),
  });
  if (response.status !== 201) throw new Error(`The other interview was not made: ${response.status} ${await response.text()}`);
  return (await response.json()) as Interview;
}
