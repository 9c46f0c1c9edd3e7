import {
  buildScheduleInterviewModal,
  interviewersWithPool,
  modalErrorsFor,
  readScheduleInterviewSubmission,
  ScheduleInterviewBlock,
} from '../../../src/slack/views/scheduleInterviewModal';

const now = new Date('2030-03-04T10:02:30Z');

describe('the scheduling modal', () => {
  const modal = buildScheduleInterviewModal({
    prefill: {
      candidateEmail: 'jane@example.com',
      candidateName: 'Jane',
      timezone: 'Asia/Kathmandu',
      scheduledTime: new Date('2030-03-05T20:00:00Z'),
    },
    metadata: { channelId: 'C0CHANNEL', teamId: 'T0TEAM' },
    openSlots: [],
    now,
  });

  it('has a title Slack accepts (24 characters at most)', () => {
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });

  it('carries the channel the command came from in private_metadata', () => {
    expect(JSON.parse(modal.private_metadata!)).toEqual({ channelId: 'C0CHANNEL', teamId: 'T0TEAM' });
  });

  it('asks for every field the product spec lists', () => {
    const blockIds = modal.blocks.map((block) => block.block_id);
    expect(blockIds).toEqual([
      'candidate_name',
      'candidate_email',
      'role',
      'interviewers',
      'interviewer_pool',
      'interviewer_pool_count',
      'scheduled_time',
      'offered_slots',
      'duration',
      'candidate_timezone',
      'notes',
    ]);
  });

  it('makes the time optional, and its hint says what empty means', () => {
    const time = modal.blocks.find((block) => block.block_id === 'scheduled_time');
    expect(time).toMatchObject({
      optional: true,
      element: { type: 'datetimepicker', initial_date_time: Date.parse('2030-03-05T20:00:00Z') / 1000 },
    });
    expect(JSON.stringify(time)).toMatch(/about an hour from now/);
  });

  it('defaults the candidate’s zone to the recruiter’s, even one not in the common list', () => {
    const zone = modal.blocks.find((block) => block.block_id === 'candidate_timezone');
    expect(zone).toMatchObject({ element: { initial_option: { value: 'Asia/Kathmandu' } } });
  });

  it('offers the open slots when there are some', () => {
    const withSlots = buildScheduleInterviewModal({
      prefill: {},
      metadata: {},
      openSlots: [{ id: 's1', startsAt: new Date('2030-03-06T09:00:00Z'), durationMinutes: 30, interviewer: 'ada@example.com' } as never],
      now,
    });
    expect(withSlots.blocks.find((block) => block.block_id === 'slot')).toMatchObject({
      optional: true,
      element: { options: [{ value: 's1' }] },
    });
  });

  it('lets the candidate choose from up to 20 of the 50 soonest open slots, shown in the recruiter’s zone and by name', () => {
    const slots = Array.from(
      { length: 60 },
      (_, index) =>
        ({ id: `s${index}`, startsAt: new Date(Date.UTC(2030, 2, 6, 9 + index)), durationMinutes: 30, interviewer: 'U0ADA' }) as never,
    );
    const withSlots = buildScheduleInterviewModal({
      prefill: { timezone: 'Europe/Berlin' },
      metadata: {},
      openSlots: slots,
      now,
      recruiterTimezone: 'America/New_York',
      interviewerNames: new Map([['U0ADA', 'Ada Lovelace']]),
    });
    const block = withSlots.blocks.find((each) => each.block_id === ScheduleInterviewBlock.slotIds) as {
      optional: boolean;
      label: { text: string };
      element: { type: string; max_selected_items: number; options: Array<{ text: { text: string }; value: string }> };
    };
    expect(block).toMatchObject({ optional: true, label: { text: 'Let the candidate choose from' } });
    expect(block.element).toMatchObject({ type: 'multi_static_select', max_selected_items: 20 });
    // The interviewers' free times first (no slots needed), then the 50 soonest slots.
    expect(block.element.options).toHaveLength(51);
    expect(block.element.options[0]).toEqual({
      text: { type: 'plain_text', text: "The interviewers' free times (from their calendars)" },
      value: 'free_times',
    });
    expect(block.element.options[1]).toEqual({
      text: { type: 'plain_text', text: 'Wed 6 Mar, 04:00 (30 min) · Ada Lovelace' },
      value: 's0',
    });
  });
});

describe('reading a submitted modal', () => {
  it('reads every input type the modal uses', () => {
    const { raw, metadata } = readScheduleInterviewSubmission({
      private_metadata: JSON.stringify({ channelId: 'C0CHANNEL', teamId: 'T0TEAM' }),
      state: {
        values: {
          candidate_name: { candidate_name: { type: 'plain_text_input', value: 'Jane Doe' } },
          candidate_email: { candidate_email: { type: 'email_text_input', value: 'jane@example.com' } },
          role: { role: { type: 'plain_text_input', value: null } },
          interviewers: { interviewers: { type: 'multi_users_select', selected_users: ['U0ADA'] } },
          scheduled_time: { scheduled_time: { type: 'datetimepicker', selected_date_time: Date.parse('2030-03-05T20:00:00Z') / 1000 } },
          duration: { duration: { type: 'static_select', selected_option: { value: '60' } } },
          candidate_timezone: { candidate_timezone: { type: 'static_select', selected_option: { value: 'Europe/Berlin' } } },
          notes: { notes: { type: 'plain_text_input', value: 'Bring a laptop' } },
        },
      },
    });
    expect(metadata).toEqual({ channelId: 'C0CHANNEL', teamId: 'T0TEAM' });
    expect(raw).toEqual({
      candidateName: 'Jane Doe',
      candidateEmail: 'jane@example.com',
      role: undefined,
      interviewers: ['U0ADA'],
      scheduledTime: new Date('2030-03-05T20:00:00Z'),
      slotId: undefined,
      slotIds: [],
      durationMinutes: 60,
      timezone: 'Europe/Berlin',
      notes: 'Bring a laptop',
      channelId: 'C0CHANNEL',
    });
  });

  it('reads the slots the candidate may choose from', () => {
    const { raw } = readScheduleInterviewSubmission({
      state: {
        values: {
          offered_slots: { offered_slots: { type: 'multi_static_select', selected_options: [{ value: 'a' }, { value: 'b' }] } },
        },
      },
    });
    expect(raw.slotIds).toEqual(['a', 'b']);
  });

  it('reads an empty time as no time, and survives broken metadata', () => {
    const { raw, metadata } = readScheduleInterviewSubmission({
      private_metadata: '{not json',
      state: { values: { scheduled_time: { scheduled_time: { selected_date_time: null } } } },
    });
    expect(raw.scheduledTime).toBeUndefined();
    expect(metadata).toEqual({});
  });

  it('puts each problem next to its field', () => {
    expect(
      modalErrorsFor([
        { field: 'candidateEmail', message: 'Enter a valid email address, like jane@example.com.' },
        { field: 'scheduledTime', message: 'This time is in the past. Pick a time from now on.' },
        { field: 'slotId', message: 'That slot was just booked by someone else. Pick another slot.' },
        { field: 'slotIds', message: 'Offer at most 20 slots.' },
      ]),
    ).toEqual({
      [ScheduleInterviewBlock.slotIds]: 'Offer at most 20 slots.',
      [ScheduleInterviewBlock.candidateEmail]: 'Enter a valid email address, like jane@example.com.',
      [ScheduleInterviewBlock.scheduledTime]: 'This time is in the past. Pick a time from now on.',
      [ScheduleInterviewBlock.slotId]: 'That slot was just booked by someone else. Pick another slot.',
    });
  });

  it('says a problem with a field the form does not show in a note about the form, never as the candidate name’s', () => {
    const channel = { field: 'channelId', message: 'Channel id must be a Slack channel id like C0123ABCD.' };
    expect(modalErrorsFor([channel, { field: 'candidateEmail', message: 'Enter a valid email address, like jane@example.com.' }])).toEqual({
      [ScheduleInterviewBlock.candidateName]: 'The form could not be saved: Channel id must be a Slack channel id like C0123ABCD.',
      [ScheduleInterviewBlock.candidateEmail]: 'Enter a valid email address, like jane@example.com.',
    });
    expect(modalErrorsFor([{ field: 'candidateName', message: 'Candidate name is required.' }, channel])).toEqual({
      [ScheduleInterviewBlock.candidateName]:
        'Candidate name is required. The form could not be saved: Channel id must be a Slack channel id like C0123ABCD.',
    });
  });

  it('reads "Or any of these people" as a pool after the people named, in the API’s shape, and no pool when left alone', () => {
    const read = (members: string[], count?: string) =>
      readScheduleInterviewSubmission({
        state: {
          values: {
            interviewers: { interviewers: { type: 'multi_users_select', selected_users: ['U0ADA'] } },
            interviewer_pool: { interviewer_pool: { type: 'multi_users_select', selected_users: members } },
            interviewer_pool_count: { interviewer_pool_count: { type: 'static_select', selected_option: count ? { value: count } : null } },
          },
        },
      });
    const filled = read(['U0BOB', 'U0CAT'], '2');
    expect(filled.pool).toEqual({ members: ['U0BOB', 'U0CAT'], count: 2 });
    expect(interviewersWithPool(filled.raw.interviewers, filled.pool)).toEqual({
      interviewers: ['U0ADA', { anyOf: ['U0BOB', 'U0CAT'], count: 2 }],
      problems: [],
    });
    expect(read([], '1').pool).toBeNull();
    expect(read([]).pool).toBeNull();
    expect(interviewersWithPool(['U0ADA'], read([], '2').pool).problems).toEqual([
      { field: 'interviewers.1.count', message: 'Pick at least 2 people above to choose 2 from, or set this back to 1.' },
    ]);
  });

  it('puts a problem with the pool under the pool’s fields, and one with a named person under Interviewers', () => {
    const pool = { index: 1 };
    expect(
      modalErrorsFor(
        [
          { field: 'interviewers.1.anyOf', message: 'U0ADA is already on this panel: name each person once.' },
          { field: 'interviewers.1.count', message: 'count is 2, but the pool has only 1 person.' },
        ],
        pool,
      ),
    ).toEqual({
      [ScheduleInterviewBlock.poolMembers]: 'U0ADA is already on this panel: name each person once.',
      [ScheduleInterviewBlock.poolCount]: 'count is 2, but the pool has only 1 person.',
    });
    expect(modalErrorsFor([{ field: 'interviewers', message: 'Interviewers must be people.' }], pool)).toEqual({
      [ScheduleInterviewBlock.poolMembers]: 'Interviewers must be people.',
    });
    expect(modalErrorsFor([{ field: 'interviewers.0', message: 'Not a person.' }], pool)).toEqual({
      [ScheduleInterviewBlock.interviewers]: 'Not a person.',
    });
    expect(modalErrorsFor([{ field: 'interviewers', message: 'At most 20 interviewers.' }])).toEqual({
      [ScheduleInterviewBlock.interviewers]: 'At most 20 interviewers.',
    });
  });
});
