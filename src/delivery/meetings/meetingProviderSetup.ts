import { GoogleCalendarProvider } from '../../calendarProviders/google/googleCalendarProvider';
import { GoogleMeetProvider } from '../../calendarProviders/google/googleMeetProvider';
import { MicrosoftCalendarProvider } from '../../calendarProviders/microsoft/microsoftCalendarProvider';
import { TeamsMeetingProvider } from '../../calendarProviders/microsoft/teamsMeetingProvider';
import type { ProviderOptions } from '../../calendarProviders/providerOptions';
import { ZoomMeetingProvider } from '../../calendarProviders/zoom/zoomMeetingProvider';
import type { VideoSettings } from '../../config/videoSettings';
import type { MeetingProvider } from '../../domain/meetings/meetingProvider';

/** Where meetings are made, and who hosts one when the first interviewer has no address. */
export interface MeetingProviderSetup {
  provider: MeetingProvider;
  /** ZOOM_DEFAULT_HOST for Zoom; Meet and Teams need the first interviewer's own calendar, so have none. */
  defaultHost: string | null;
}

/**
 * The meeting provider VIDEO_PROVIDER names, or null when meetings are a room under
 * VIDEO_BASE_URL or none. Meet and Teams ride on the calendar provider's grant: the same service
 * account or Entra app, calling the first interviewer's calendar.
 */
export function setUpMeetingProvider(video: VideoSettings, options: ProviderOptions): MeetingProviderSetup | null {
  switch (video.provider) {
    case 'zoom':
      return { provider: new ZoomMeetingProvider(video.zoom, options), defaultHost: video.defaultHost };
    case 'google-meet':
      return { provider: new GoogleMeetProvider(new GoogleCalendarProvider(video.google, options).api, options), defaultHost: null };
    case 'teams':
      return {
        provider: new TeamsMeetingProvider(new MicrosoftCalendarProvider(video.microsoft, options).api, options),
        defaultHost: null,
      };
    default:
      return null;
  }
}
