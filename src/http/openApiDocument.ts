import { z } from 'zod';
import { bookingRequestFields, findTimesSchema } from '../domain/bookings/bookingRequestInput';
import { MAX_FREE_TIMES_LIMIT, DEFAULT_FREE_TIMES_LIMIT } from '../domain/freeTimes/freeTimesInput';
import { LoopStatus } from '../domain/loops/Loop';
import { interviewerPoolSchema, MAX_PANEL_ENTRIES } from '../domain/plans/interviewerPools';
import {
  DEFAULT_MAX_GAP_MINUTES,
  MAX_LOOP_SESSIONS,
  maxGapMinutesSchema,
  MIN_LOOP_SESSIONS,
  sessionFields,
} from '../domain/plans/loopInput';
import { BookingRequestStatus } from '../domain/bookings/bookingRequestStatus';
import { DeliveryKind, DeliveryStatus } from '../domain/deliveries/DeliveryJob';
import { interviewEditFields } from '../domain/interviews/editInterview';
import { scheduleInterviewFields } from '../domain/interviews/interviewInput';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../domain/interviews/interviewQueries';
import { InterviewStatus } from '../domain/interviews/interviewStatus';
import { slotFields, slotWindowFields, MAX_SLOTS_PER_REQUEST } from '../domain/slots/availabilitySlotInput';
import { SLOT_LIST_STATUSES } from '../domain/slots/slotQueries';
import { bookingRequestListQuerySchema } from './routes/bookingRequestsApi';
import { interviewListQuerySchema } from './routes/interviewsApi';
import { slotListQuerySchema } from './routes/slotsApi';

/** How the two names for "when" differ, said once: in the document's description and on each field. */
const SCHEDULED_TIME_DESCRIPTION =
  "When the interview starts (ISO 8601). Sent without an offset (2030-01-31T15:00) it is read in the candidate's `timezone`, never the server's; answered in UTC. Absent, the start of `slotId`'s slot, else now + DEFAULT_LEAD_MINUTES rounded up to 5 minutes.";
const STARTS_AT_DESCRIPTION =
  "When an availability slot starts (ISO 8601, with its offset: a slot is offered to people in many zones); answered in UTC. Booking the slot makes it the interview's `scheduledTime`.";

const instant = z.iso.datetime({ offset: true });
const nullableInstant = instant.nullable();

const interviewerJson = z
  .object({ slackUserId: z.string().optional(), email: z.string().optional(), name: z.string().optional() })
  .strict()
  .meta({ description: 'A Slack user, an address, or both; `name` when known (never shown as an id to a candidate).' });

const interviewJson = z
  .object({
    id: z.uuid(),
    candidateName: z.string(),
    candidateEmail: z.string(),
    role: z.string().nullable(),
    scheduledTime: instant.meta({ description: SCHEDULED_TIME_DESCRIPTION }),
    durationMinutes: z.number().int(),
    timezone: z.string(),
    status: z.enum(InterviewStatus),
    sessionKey: z.string().regex(/^[0-9a-f]{32}$/),
    interviewLink: z.url().meta({ description: "`${PUBLIC_BASE_URL}/interview/?session_key=<sessionKey>`: the candidate's join page." }),
    meetingUrl: z.string().nullable(),
    interviewers: z.array(interviewerJson),
    channelId: z.string().nullable(),
    slackTeamId: z.string().nullable(),
    slackEnterpriseId: z.string().nullable(),
    organizerSlackUserId: z.string().nullable(),
    slotId: z.uuid().nullable(),
    notes: z.string().nullable(),
    loopId: z.uuid().nullable().meta({ description: 'The loop this interview is a session of (GET /api/loops/{id}), or null.' }),
    sessionTitle: z.string().nullable().meta({ description: "A loop session's title, as the candidate's agenda shows it." }),
    poolPicks: z
      .array(
        z
          .object({
            anyOf: z.array(z.string()),
            count: z.number().int(),
            chosen: z.array(
              z
                .object({
                  interviewer: z.string(),
                  reason: z.enum(['only_free', 'fewest_interviews', 'least_recently_interviewed', 'pool_order', 'conflicts_allowed']),
                  interviewsNearby: z.number().int(),
                  lastInterviewAt: nullableInstant,
                })
                .strict(),
            ),
          })
          .strict(),
      )
      .nullable()
      .meta({ description: 'Whom each pool (`{"anyOf": [...], "count"}` in interviewers) picked, and why; null without pools.' }),
    candidateFirstOpenedAt: nullableInstant,
    noShowAlertedAt: nullableInstant,
    cancelledAt: nullableInstant,
    createdAt: instant,
    updatedAt: instant,
  })
  .strict();

const deliveryJson = z
  .object({
    id: z.uuid(),
    kind: z.enum(DeliveryKind),
    status: z.enum(DeliveryStatus),
    attempts: z.number().int(),
    nextAttemptAt: instant,
    providerMessageId: z.string().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: nullableInstant,
  })
  .strict();

const slotJson = z
  .object({
    id: z.uuid(),
    startsAt: instant.meta({ description: STARTS_AT_DESCRIPTION }),
    durationMinutes: z.number().int(),
    interviewers: z.array(interviewerJson).length(1),
    interviewer: z.string().meta({ deprecated: true, description: 'The same person as `interviewers`, as text. Deprecated.' }),
    status: z.enum(SLOT_LIST_STATUSES),
    slackTeamId: z.string().nullable(),
    slackEnterpriseId: z.string().nullable(),
    booked: z.boolean(),
    bookedInterviewId: z.uuid().nullable(),
    createdAt: instant,
  })
  .strict();

const offeredSlotJson = z
  .object({
    id: z.uuid(),
    startsAt: instant.meta({ description: STARTS_AT_DESCRIPTION }),
    durationMinutes: z.number().int(),
    interviewers: z.array(interviewerJson).length(1),
    interviewer: z.string().meta({ deprecated: true }),
  })
  .strict();

/** A booking request's plan: its sessions (one for a panel with pools), each with its people and pools as given. */
const planJson = z
  .object({
    sessions: z.array(
      z
        .object({
          title: z.string().nullable(),
          durationMinutes: z.number().int(),
          interviewers: z.array(z.union([z.string(), z.object({ anyOf: z.array(z.string()), count: z.number().int() }).strict()])),
        })
        .strict(),
    ),
    maxGapMinutes: z.number().int(),
  })
  .strict();

const bookingRequestJson = z
  .object({
    id: z.uuid(),
    status: z.enum(BookingRequestStatus),
    bookingLink: z.url(),
    slots: z.array(offeredSlotJson).meta({ description: 'The offered slots the candidate can still pick.' }),
    expiresAt: instant,
    interviewId: z.uuid().nullable(),
    candidateName: z.string(),
    candidateEmail: z.string(),
    role: z.string().nullable(),
    durationMinutes: z.number().int().nullable(),
    timezone: z.string(),
    interviewers: z.array(interviewerJson),
    channelId: z.string().nullable(),
    slackTeamId: z.string().nullable(),
    slackEnterpriseId: z.string().nullable(),
    organizerSlackUserId: z.string().nullable(),
    notes: z.string().nullable(),
    meetingUrl: z.string().nullable(),
    closedAt: nullableInstant,
    createdAt: instant,
    updatedAt: instant,
    plan: planJson.optional().meta({
      description:
        'With pools or `sessions`: what each offered time is searched for. Each slot is then a first start, `durationMinutes` the whole span.',
    }),
  })
  .strict();

/** How one interviewer's calendar was read: `read`, `unavailable` (with why), or `none` (no calendar provider). */
const calendarStateJson = z
  .object({ interviewer: z.string(), status: z.enum(['read', 'unavailable', 'none']), reason: z.string().optional() })
  .strict();

const errorJson = z
  .object({
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        fields: z.record(z.string(), z.string()).optional().meta({ description: 'Each bad field, by name, with what is wrong with it.' }),
        busy: z
          .array(z.object({ interviewer: z.string(), startsAt: instant, endsAt: instant }).strict())
          .optional()
          .meta({ description: 'With `interviewers_busy`: who is busy, and when, at the time asked for.' }),
        calendars: z
          .array(calendarStateJson)
          .optional()
          .meta({ description: "With `no_free_times`: how each interviewer's calendar was read." }),
      })
      .strict(),
  })
  .strict();

/** Where the interview's video call stands (VIDEO_PROVIDER); null without a call. */
const meetingJson = z
  .object({
    provider: z.enum(['url', 'zoom', 'google-meet', 'teams']),
    status: z.enum(['pending', 'ready', 'failed']),
    joinUrl: z.string().optional().meta({ description: 'Once ready: the link participants join by (never a host’s start link).' }),
    reason: z
      .string()
      .optional()
      .meta({ description: 'Once failed: why the provider refused; set a link by hand with PATCH {"meetingUrl"}.' }),
  })
  .strict()
  .nullable();

const loopJson = z
  .object({
    id: z.uuid(),
    status: z.enum(LoopStatus),
    maxGapMinutes: z.number().int(),
    startsAt: nullableInstant.meta({ description: 'When the first session starts.' }),
    endsAt: nullableInstant.meta({ description: 'When the last session ends.' }),
    cancelledAt: nullableInstant,
    createdAt: instant,
    sessions: z.array(interviewJson).meta({ description: 'Each session as an interview, in order, each with this `loopId`.' }),
  })
  .strict();

const freeTimesJson = z
  .object({
    freeTimes: z
      .array(
        z
          .object({
            startsAt: instant,
            endsAt: instant,
            interviewers: z
              .array(z.string())
              .optional()
              .meta({ description: 'With pools: everyone who would interview then, the named people first, then each pool’s fair pick.' }),
          })
          .strict(),
      )
      .meta({ description: 'Earliest first: times at which every interviewer is free for `durationMinutes`.' }),
    calendars: z.array(calendarStateJson),
  })
  .strict();

const nextCursor = z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last page.' });

/** The document's named schemas: each response's shape, checked against real answers by test/http/openApi.test.ts. */
const RESPONSE_SCHEMAS = {
  Interview: interviewJson.extend({ meeting: meetingJson.optional() }).strict(),
  InterviewWithDeliveries: interviewJson.extend({ meeting: meetingJson, deliveries: z.array(deliveryJson) }).strict(),
  InterviewPage: z.object({ interviews: z.array(interviewJson), nextCursor }).strict(),
  Delivery: deliveryJson,
  Slot: slotJson,
  SlotList: z.object({ slots: z.array(slotJson) }).strict(),
  SlotPage: z.object({ slots: z.array(slotJson), nextCursor }).strict(),
  BookingRequest: bookingRequestJson,
  BookingRequestWithDeliveries: bookingRequestJson.extend({ deliveries: z.array(deliveryJson) }).strict(),
  BookingRequestPage: z.object({ bookingRequests: z.array(bookingRequestJson), nextCursor }).strict(),
  Loop: loopJson,
  FreeTimes: freeTimesJson,
  Error: errorJson,
} as const;

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema (2020-12, which OpenAPI 3.1 uses), as a client sends it (`io: input`) or reads it. */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return jsonSchema;
}

/**
 * A request body's schema from the very field rules that check it (the domain's zod shapes), with
 * no other field allowed. Two fields the Slack modals may also fill with a date object are
 * described as the text the API takes.
 */
function requestBodySchema(shape: z.ZodRawShape, options: { allOptional?: boolean } = {}): JsonSchema {
  const object = z.object(shape).strict();
  const schema = jsonSchemaOf(options.allOptional ? object.partial() : object, 'input') as {
    properties: Record<string, JsonSchema>;
    required?: string[];
  };
  const described: Record<string, JsonSchema> = {
    scheduledTime: { type: 'string', description: SCHEDULED_TIME_DESCRIPTION },
    startsAt: { type: 'string', description: STARTS_AT_DESCRIPTION },
    interviewer: { type: 'string', deprecated: true, description: 'One interviewer, as text: the deprecated spelling of `interviewers`.' },
  };
  for (const [field, description] of Object.entries(described)) {
    if (schema.properties[field]) schema.properties[field] = description;
  }
  if (options.allOptional) delete schema.required;
  return schema;
}

/** `interviewers` as a panel: people, and pools (`{"anyOf": [...], "count"?}`) the app picks from fairly. */
function withPools(personList: JsonSchema): JsonSchema {
  const list = personList as { items?: JsonSchema };
  return {
    ...personList,
    maxItems: MAX_PANEL_ENTRIES,
    items: {
      anyOf: [
        list.items ?? { type: 'string' },
        {
          ...jsonSchemaOf(interviewerPoolSchema, 'input'),
          description: 'A pool: any `count` (default 1) of these people, picked fairly among those free.',
        },
      ],
    },
  };
}

/**
 * POST /api/interviews: one interview (people, or pools to pick from), or with `sessions` a loop
 * of 2 to 8 back-to-back sessions, each with its own title, length and panel.
 */
function scheduleBodySchema(): JsonSchema {
  const schema = requestBodySchema(scheduleInterviewFields) as { properties: Record<string, JsonSchema> };
  schema.properties.interviewers = withPools(schema.properties.interviewers);
  const session = requestBodySchema(sessionFields) as { properties: Record<string, JsonSchema>; required?: string[] };
  session.properties.interviewers = withPools(schema.properties.interviewers);
  session.required = [...(session.required ?? []), 'interviewers'];
  schema.properties.sessions = {
    type: 'array',
    minItems: MIN_LOOP_SESSIONS,
    maxItems: MAX_LOOP_SESSIONS,
    items: session,
    description: 'A loop instead of one interview: its sessions in order (answered with the loop, see GET /api/loops/{id}).',
  };
  schema.properties.maxGapMinutes = {
    ...jsonSchemaOf(maxGapMinutesSchema, 'output'),
    default: DEFAULT_MAX_GAP_MINUTES,
    description: 'With `sessions`: each session starts 0 to this many minutes after the one before ends.',
  };
  return schema;
}

/** PATCH /api/interviews/{id}: any editable field (a new time with `allowConflicts`), or `meetingUrl` on its own. */
function editBodySchema(): JsonSchema {
  const edit = requestBodySchema(interviewEditFields, { allOptional: true }) as { properties: Record<string, JsonSchema> };
  edit.properties.interviewers = withPools(edit.properties.interviewers);
  const meetingUrl = requestBodySchema({ meetingUrl: scheduleInterviewFields.meetingUrl });
  return {
    oneOf: [
      { ...edit, minProperties: 1 },
      {
        ...meetingUrl,
        required: ['meetingUrl'],
        description: 'Set the call link by hand (e.g. after the provider failed): `meetingUrl` alone.',
      },
    ],
  };
}

/**
 * POST /api/booking-requests: offered slots (`slotIds`), or `findTimes` to offer the panel's free
 * times; with pools in `interviewers`, or a loop's `sessions`, the plan's free times.
 */
function bookingRequestBodySchema(): JsonSchema {
  const schema = requestBodySchema(bookingRequestFields) as { properties: Record<string, JsonSchema>; required?: string[] };
  const loop = scheduleBodySchema() as { properties: Record<string, JsonSchema> };
  schema.properties.interviewers = loop.properties.interviewers;
  schema.properties.findTimes = {
    ...jsonSchemaOf(findTimesSchema, 'input'),
    description:
      "Instead of `slotIds`: offer the interviewers' free times between `from` and `to`, at most `count` of them (with pools or `sessions`, the default when left out).",
  };
  schema.properties.sessions = {
    ...loop.properties.sessions,
    description: "A loop: the candidate picks a first start among the loop's free times, and booking it makes one interview per session.",
  };
  schema.properties.maxGapMinutes = loop.properties.maxGapMinutes;
  schema.required = (schema.required ?? []).filter((field) => field !== 'slotIds');
  return schema;
}

/** GET /api/free-times's query parameters. */
const freeTimesParameters = [
  {
    name: 'interviewers',
    required: true,
    schema: { type: 'string' },
    description:
      'Slack user ids and addresses, comma-separated; or a JSON list of people and pools, like `["U0123ABCD", {"anyOf": ["a@acme.com", "b@acme.com"], "count": 1}]`.',
  },
  { name: 'durationMinutes', required: true, schema: { type: 'integer' }, description: 'Whole minutes.' },
  { name: 'from', required: false, schema: { type: 'string' }, description: 'Start of the search (ISO 8601); default now.' },
  { name: 'to', required: false, schema: { type: 'string' }, description: 'End of the search (ISO 8601).' },
  { name: 'timezone', required: false, schema: { type: 'string' }, description: 'IANA zone for `from`/`to` without an offset.' },
  {
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_FREE_TIMES_LIMIT, default: DEFAULT_FREE_TIMES_LIMIT },
  },
  { name: 'slackTeamId', required: false, schema: { type: 'string' } },
  { name: 'slackEnterpriseId', required: false, schema: { type: 'string' } },
].map((parameter) => ({ in: 'query', ...parameter }));

/** A list's query parameters, from the zod schema that checks them. */
function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const { properties } = jsonSchemaOf(schema, 'input') as { properties: Record<string, JsonSchema> };
  return Object.entries(properties).map(([name, parameterSchema]) => ({
    name,
    in: 'query',
    required: false,
    schema:
      name === 'limit'
        ? { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }
        : name === 'cursor'
          ? { type: 'string', description: "The previous page's `nextCursor`." }
          : parameterSchema,
  }));
}

const ref = (name: keyof typeof RESPONSE_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof RESPONSE_SCHEMAS, description: string, headers?: Record<string, unknown>) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
  ...(headers ? { headers } : {}),
});
/** POST /api/interviews answers one interview, or with `sessions` the loop it made. */
const interviewOrLoop = (description: string, headers: Record<string, unknown>) => ({
  description,
  headers,
  content: { 'application/json': { schema: { oneOf: [ref('Interview'), ref('Loop')] } } },
});
const retryAfter = { 'Retry-After': { schema: { type: 'string' }, description: 'Seconds to wait before trying again.' } };
const errors = {
  '400': json('Error', 'Bad input: every bad field named in `error.fields`; nothing changed.'),
  '401': json('Error', 'API_TOKEN is set and the request has no `Authorization: Bearer <API_TOKEN>`.'),
  '404': json('Error', 'No such resource.'),
  '405': json('Error', 'A known path asked with another method; `Allow` names the ones it answers.'),
  '413': json('Error', 'The body is over 64 KiB (`body_too_large`).'),
  '415': json('Error', 'The body is not UTF-8 JSON: another charset or a Content-Encoding the API does not read (`unsupported_encoding`).'),
  '429': json('Error', 'Too many requests, or the same change asked again too soon; see `Retry-After`.', retryAfter),
  '503': json(
    'Error',
    'The database is unreachable for a moment; retry after `Retry-After` seconds with the same Idempotency-Key.',
    retryAfter,
  ),
};
const location = { Location: { schema: { type: 'string' }, description: 'Where the created resource is read.' } };
const replayed = {
  'Idempotent-Replayed': {
    schema: { type: 'string', enum: ['true'] },
    description: 'Present when this answers a repeated Idempotency-Key.',
  },
};
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  description: 'The same key with the same request answers as the first time, without doing it again; with another request, 409.',
};
const idParameter = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: `The ${what}'s id.`,
});
const body = (schema: JsonSchema) => ({ required: true, content: { 'application/json': { schema } } });
const noBody = { required: false, content: { 'application/json': { schema: { type: 'object', maxProperties: 0 } } } };

/** A change to one interview: its id, its Idempotency-Key, and the interview as it then stands. */
function interviewChange(summary: string, status: '200' | '202') {
  return {
    summary,
    parameters: [idParameter('interview'), idempotencyKey],
    requestBody: noBody,
    responses: {
      [status]: json('Interview', 'The interview as it now stands.', replayed),
      '409': json('Error', 'The interview was cancelled, or the Idempotency-Key was used for another request.'),
      ...errors,
    },
  };
}

/**
 * The OpenAPI 3.1 document of `/api`: request bodies and query parameters generated from the same
 * zod schemas that check them, responses from zod schemas of what the presenters answer.
 */
export function buildOpenApiDocument(options: { serverUrl: string }): JsonSchema {
  const bookingRequestChange = (summary: string, status: '200' | '202') => ({
    summary,
    parameters: [idParameter('booking request'), idempotencyKey],
    requestBody: noBody,
    responses: {
      [status]: json('BookingRequest', 'The booking request as it now stands.', replayed),
      '409': json('Error', 'The request no longer books (booked, expired or cancelled).'),
      ...errors,
    },
  });
  const slotBody = requestBodySchema(slotFields);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Interview Scheduler for Slack API',
      version: '1',
      description: [
        'Interviews, availability slots and booking links, as the Slack app makes them.',
        '',
        `**Two names for "when".** \`scheduledTime\` is when an interview starts. \`startsAt\` is when an availability slot starts. Booking a slot (with \`slotId\`, or a candidate's pick of a booking link) makes the slot's \`startsAt\` the interview's \`scheduledTime\`. Both are answered in UTC.`,
        '',
        'Bodies are strict: a field an endpoint does not take is refused and named, and a number written as text is refused. With `API_TOKEN` set, every request needs `Authorization: Bearer <API_TOKEN>`.',
      ].join('\n'),
    },
    servers: [{ url: options.serverUrl }],
    components: {
      schemas: Object.fromEntries(Object.entries(RESPONSE_SCHEMAS).map(([name, schema]) => [name, jsonSchemaOf(schema, 'output')])),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API_TOKEN; without it, only this machine is served.' } },
    },
    security: [{ bearer: [] }, {}],
    paths: {
      '/api/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
      },
      '/api/interviews': {
        post: {
          summary: 'Schedule an interview',
          parameters: [idempotencyKey],
          requestBody: body(scheduleBodySchema()),
          responses: {
            '201': interviewOrLoop('Scheduled; the invitation is queued. With `sessions`, the loop.', location),
            '200': interviewOrLoop('A repeated Idempotency-Key: the interview (or loop) it made.', { ...location, ...replayed }),
            '409': json(
              'Error',
              '`interviewers_busy` (with `busy`): an interviewer is busy then and `allowConflicts` is not true; `no_free_times` (with `calendars`): no time fits the loop; or the Idempotency-Key was used for another request.',
            ),
            ...errors,
          },
        },
        get: {
          summary: 'List interviews, newest first',
          parameters: queryParameters(interviewListQuerySchema),
          responses: { '200': json('InterviewPage', 'A page of interviews.'), ...errors },
        },
      },
      '/api/interviews/{id}': {
        get: {
          summary: 'One interview, with its deliveries',
          parameters: [idParameter('interview')],
          responses: { '200': json('InterviewWithDeliveries', 'The interview.'), ...errors },
        },
        patch: {
          summary: 'Edit an interview: its time, candidate, role, notes or interviewers; or set its call link',
          parameters: [idParameter('interview'), idempotencyKey],
          requestBody: body(editBodySchema()),
          responses: {
            '200': json('Interview', 'The interview as it now stands (with `meeting` after a `meetingUrl` change).', replayed),
            '409': json(
              'Error',
              'The interview was cancelled, an interviewer is busy at the new time and `allowConflicts` is not true (`interviewers_busy`, with `busy`), or the Idempotency-Key was used for another request.',
            ),
            ...errors,
          },
        },
      },
      '/api/interviews/{id}/cancel': { post: interviewChange('Cancel an interview', '200') },
      '/api/interviews/{id}/resend': { post: interviewChange("Send the candidate's invitation again (queued)", '202') },
      '/api/interviews/{id}/rotate-link': { post: interviewChange('Replace the join link', '200') },
      '/api/slots': {
        post: {
          summary: 'Offer availability: one slot, or many',
          requestBody: body({
            oneOf: [
              slotBody,
              {
                type: 'object',
                properties: { slots: { type: 'array', minItems: 1, maxItems: MAX_SLOTS_PER_REQUEST, items: slotBody } },
                required: ['slots'],
                additionalProperties: false,
              },
            ],
          }),
          responses: {
            '201': {
              description: 'One slot: the new slot (with Location). Many: every slot, new or already offered.',
              headers: location,
              content: { 'application/json': { schema: { oneOf: [ref('Slot'), ref('SlotList')] } } },
            },
            '200': json('Slot', 'One slot whose window was already offered: the existing slot.', location),
            ...errors,
          },
        },
        get: {
          summary: 'List slots, soonest first',
          parameters: queryParameters(slotListQuerySchema),
          responses: { '200': json('SlotPage', 'A page of slots.'), ...errors },
        },
      },
      '/api/slots/{id}': {
        get: { summary: 'One slot', parameters: [idParameter('slot')], responses: { '200': json('Slot', 'The slot.'), ...errors } },
        patch: {
          summary: 'Move, resize or hand over an open slot',
          parameters: [idParameter('slot')],
          requestBody: body({ ...requestBodySchema(slotWindowFields, { allOptional: true }), minProperties: 1 }),
          responses: {
            '200': json('Slot', 'The slot as it now stands.'),
            '409': json('Error', 'The slot is booked (`slot_booked`).'),
            ...errors,
          },
        },
        delete: {
          summary: 'Withdraw an open slot',
          parameters: [idParameter('slot')],
          responses: { '204': { description: 'Withdrawn.' }, '409': json('Error', 'The slot is booked (`slot_booked`).'), ...errors },
        },
      },
      '/api/booking-requests': {
        post: {
          summary: 'Let a candidate pick one of the offered slots',
          parameters: [idempotencyKey],
          requestBody: body(bookingRequestBodySchema()),
          responses: {
            '201': json('BookingRequest', 'Made; the booking link email is queued.', location),
            '200': json('BookingRequest', 'A repeated Idempotency-Key: the request it made.', { ...location, ...replayed }),
            '409': json(
              'Error',
              '`no_free_times` (with `calendars`): `findTimes` found no time the panel is free; or the Idempotency-Key was used for another request.',
            ),
            ...errors,
          },
        },
        get: {
          summary: 'List booking requests, newest first',
          parameters: queryParameters(bookingRequestListQuerySchema),
          responses: { '200': json('BookingRequestPage', 'A page of booking requests.'), ...errors },
        },
      },
      '/api/booking-requests/{id}': {
        get: {
          summary: 'One booking request, with its deliveries',
          parameters: [idParameter('booking request')],
          responses: { '200': json('BookingRequestWithDeliveries', 'The booking request.'), ...errors },
        },
      },
      '/api/booking-requests/{id}/cancel': { post: bookingRequestChange('Withdraw a booking link', '200') },
      '/api/booking-requests/{id}/resend': { post: bookingRequestChange('Email the booking link again (queued)', '202') },
      '/api/loops/{id}': {
        get: {
          summary: 'One loop, with its sessions',
          parameters: [idParameter('loop')],
          responses: { '200': json('Loop', 'The loop.'), ...errors },
        },
        patch: {
          summary: 'Move a loop: every session by the same amount, links kept',
          parameters: [idParameter('loop'), idempotencyKey],
          requestBody: body({
            type: 'object',
            properties: {
              startsAt: {
                type: 'string',
                description: "The first session's new start (ISO 8601; without an offset, in the candidate's zone).",
              },
            },
            required: ['startsAt'],
            additionalProperties: false,
          }),
          responses: {
            '200': json('Loop', 'The loop as it now stands.', replayed),
            '409': json(
              'Error',
              'The loop was cancelled, an interviewer is busy at a new time (`interviewers_busy`, with `busy`), or the Idempotency-Key was used for another request.',
            ),
            ...errors,
          },
        },
      },
      '/api/loops/{id}/cancel': {
        post: {
          summary: 'Cancel every session of a loop',
          parameters: [idParameter('loop'), idempotencyKey],
          requestBody: noBody,
          responses: {
            '200': json('Loop', 'The loop as it now stands.', replayed),
            '409': json('Error', 'The Idempotency-Key was used for another request.'),
            ...errors,
          },
        },
      },
      '/api/free-times': {
        get: {
          summary: "The times the whole panel is free, from their calendars (or, with no calendar provider, this app's interviews)",
          parameters: freeTimesParameters,
          responses: { '200': json('FreeTimes', "Free times, and how each interviewer's calendar was read."), ...errors },
        },
      },
    },
  };
}
