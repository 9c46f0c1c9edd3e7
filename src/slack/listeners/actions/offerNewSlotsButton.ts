import { assertMayChangeBookingRequest } from '../../../domain/bookings/bookingRequestChanges';
import { findBookingRequestById } from '../../../domain/bookings/bookingRequestQueries';
import { requestArrivedAtMs } from '../../requestArrival';
import { openScheduleInterviewModal } from '../../scheduleModalOpening';
import type { SlackDependencies } from '../../slackDependencies';
import { UserTimeZones } from '../../userTimeZones';
import { bookingRequestButton } from './bookingRequestButton';

/**
 * "Offer new slots", under a booking link that expired unbooked: opens the scheduling form filled
 * in with the candidate's details (and their zone), so the recruiter only picks new slots. The
 * form goes back to the request's channel, and sends a new link.
 */
export function offerNewSlotsButton(deps: SlackDependencies) {
  const timeZones = new UserTimeZones();
  return bookingRequestButton(deps, async (click, { body, client, context }) => {
    const { request } = await findBookingRequestById(deps.context, click.bookingRequestId);
    await deps.context.database.read((manager) => assertMayChangeBookingRequest(manager, request, click.actor));
    const teamId = body.team?.id ?? request.slackTeamId ?? '';
    const open = () =>
      openScheduleInterviewModal(deps, client, timeZones, {
        triggerId: body.trigger_id,
        teamId,
        userId: body.user.id,
        actor: click.actor,
        metadata: { channelId: request.channelId ?? undefined, teamId },
        prefillFor: () => ({
          candidateName: request.candidateName,
          candidateEmail: request.candidateEmail,
          role: request.role ?? undefined,
          interviewerSlackUserIds: request.interviewers.flatMap((person) => (person.slackUserId ? [person.slackUserId] : [])),
          durationMinutes: request.durationMinutes ?? undefined,
          timezone: request.timezone,
          notes: request.notes ?? undefined,
        }),
      });
    await deps.formOpenings.open(requestArrivedAtMs(context), open);
    return null;
  });
}
