import type { DataSource } from 'typeorm';
import type { DatabaseSettings } from '../config/appConfig';
import type { DatabaseAvailability } from '../db/databaseAvailability';
import type { Logger } from '../logging/logger';
import { openDataSource } from '../db/dataSource';
import { SlackClashConfirmation } from '../db/entities/SlackClashConfirmation';
import { SlackEventReceipt } from '../db/entities/SlackEventReceipt';
import { SlackInstallation } from '../db/entities/SlackInstallation';
import { SlackOAuthState } from '../db/entities/SlackOAuthState';
import { InterviewCalendarEvent } from './interviews/InterviewCalendarEvent';
import { BookingRequest } from './bookings/BookingRequest';
import { BookingRequestSlot } from './bookings/BookingRequestSlot';
import { DeliveryJob } from './deliveries/DeliveryJob';
import { Interview } from './interviews/Interview';
import { InterviewEvent } from './interviews/InterviewEvent';
import { InterviewParticipant } from './interviews/InterviewParticipant';
import { InterviewInterviewer } from './interviews/InterviewInterviewer';
import { Meeting } from './meetings/Meeting';
import { RequestKey } from './shared/RequestKey';
import { InterviewerBooking } from './loops/InterviewerBooking';
import { Loop } from './loops/Loop';
import { AvailabilitySlot } from './slots/AvailabilitySlot';

/**
 * Every table the app maps: each aggregate's entities, kept beside its rules, and the Slack
 * adapter's own tables (installations, OAuth states, event receipts, clash confirmations), kept by db/.
 */
export const ENTITIES = [
  Interview,
  InterviewEvent,
  AvailabilitySlot,
  BookingRequest,
  BookingRequestSlot,
  DeliveryJob,
  RequestKey,
  SlackInstallation,
  SlackEventReceipt,
  SlackOAuthState,
  SlackClashConfirmation,
  InterviewParticipant,
  InterviewInterviewer,
  Meeting,
  InterviewCalendarEvent,
  Loop,
  InterviewerBooking,
];

/** Connects to the configured database with every table mapped, and brings its schema up to date. */
export function openDatabase(settings: DatabaseSettings, availability?: DatabaseAvailability, logger?: Logger): Promise<DataSource> {
  return openDataSource(settings, { entities: ENTITIES, availability, logger });
}
