/** A video-call room per interview, when the team has a base URL for its video tool. */
export function buildMeetingUrl(videoBaseUrl: string | undefined, interviewId: string): string | null {
  if (!videoBaseUrl) {
    return null;
  }
  return `${videoBaseUrl.replace(/\/+$/, '')}/interview-${interviewId}`;
}
