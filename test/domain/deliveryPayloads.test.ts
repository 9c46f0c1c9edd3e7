import { DeliveryKind } from '../../src/domain/deliveries/DeliveryJob';
import { readPlannedDelivery, UnreadableDeliveryError, type PlannedDelivery } from '../../src/domain/deliveries/deliveryPayloads';

describe('reading a queued delivery back', () => {
  const planned: PlannedDelivery[] = [
    { kind: DeliveryKind.CandidateInvitation, payload: null },
    { kind: DeliveryKind.ChannelPost, payload: null },
    { kind: DeliveryKind.ThreadReply, payload: { event: 'email_failed', email: 'update', reason: 'SendGrid answered 400' } },
    {
      kind: DeliveryKind.ThreadReply,
      payload: { event: 'rescheduled', by: { kind: 'slack', userId: 'U0ADA' }, to: '2030-03-06T09:00:00.000Z' },
    },
    { kind: DeliveryKind.ThreadReply, payload: { event: 'cancelled', by: { kind: 'api' } } },
    { kind: DeliveryKind.InterviewerNotice, payload: { slackUserId: 'U0ADA', change: 'rescheduled' } },
  ];

  it.each(planned.map((delivery) => [delivery.kind, delivery]))(
    'gives back what was planned (%s), after a trip through JSON',
    (_kind, delivery) => {
      expect(readPlannedDelivery(delivery.kind, JSON.parse(JSON.stringify(delivery.payload)))).toEqual(delivery);
    },
  );

  it.each([
    ['an unknown kind', 'carrier_pigeon', null],
    ['a thread event nobody writes', DeliveryKind.ThreadReply, { event: 'candidate_invitation_delivered', reason: null }],
    ['a thread reply with ready-made text', DeliveryKind.ThreadReply, { event: 'rescheduled', text: 'Rescheduled.' }],
    ['an interviewer notice without the interviewer', DeliveryKind.InterviewerNotice, { change: 'scheduled' }],
    ['a payload where none belongs', DeliveryKind.ChannelPost, { channel: 'C0' }],
  ])('refuses %s', (_case, kind, payload) => {
    expect(() => readPlannedDelivery(kind, payload)).toThrow(UnreadableDeliveryError);
  });
});
