import { catalogueCodec, commandRoute, createCommandHandler, registerCommandRoutes } from '@ejp/command-kit';
import { eventCatalogue, evolveWebhookSubscription, signingGenerations, Uuid, WebhookDeliveryAttempted, WebhookDeliveryStreams, webhookEvents, WebhookStreams, type WebhookSubscription, WebhookSubscriptionCreated, webhookSubscriptionEvents } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { AppError, defineErrors, type ErrorDefinition, ErrorCodes, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { deriveSecret, type WebhookDispatcher } from '@ejp/webhooks';
import { z } from 'zod';
import { type WebhookCommand, type WebhookErrorCode, webhookDecider } from './domain.ts';

const domainErrors: Record<WebhookErrorCode, ErrorDefinition> = {
  EJP_WEBHOOK_EXISTS: { status: 409, title: 'The webhook subscription exists' },
  EJP_WEBHOOK_NOT_FOUND: { status: 404, title: 'No such webhook subscription' },
};
export const WebhookErrors = defineErrors(domainErrors);

/** The types a subscription may name: every catalogue type but the webhooks' own bookkeeping. */
const own = new Set<string>(webhookEvents.map((definition) => definition.type));
const deliverableTypes = eventCatalogue.types().filter((type) => !own.has(type)) as [string, ...string[]];

const created = WebhookSubscriptionCreated.schema.shape;
const SubscriptionParams = z.object({ subscriptionId: Uuid.describe('The webhook subscription.') });
const CreateBody = z.strictObject({
  subscriptionId: Uuid,
  url: created.url.describe('Where deliveries are POSTed (http or https)'),
  eventTypes: z.array(z.enum(deliverableTypes)).min(1).max(100).describe('The event types delivered'),
  department: created.department.default(null).describe('Only events about employees of this department (at the time of the event); null for all'),
});
const RotateBody = z.strictObject({
  previousValidForHours: z.int().min(0).max(720).default(24).describe('How long the previous secret keeps signing too (both signatures are sent)'),
});
const ADMIN = { roles: ['admin'] } as const;
const route = commandRoute<WebhookCommand>();

export const webhookCommandRoutes = [
  route({
    method: 'POST', url: '/webhooks/subscriptions', operationId: 'createWebhookSubscription', access: ADMIN, status: 201,
    summary: 'Subscribe a URL to event types (and, optionally, one department); deliveries start with the events after it',
    body: CreateBody,
    toCommand: ({ body }) => ({ type: 'CreateSubscription', data: body }),
    location: ({ body }) => `/webhooks/subscriptions/${body.subscriptionId}`,
  }),
  route({
    method: 'POST', url: '/webhooks/subscriptions/:subscriptionId/secret-rotations', operationId: 'rotateWebhookSecret', access: ADMIN, status: 200,
    summary: 'Rotate the signing secret; the previous one stays valid for a while', params: SubscriptionParams, body: RotateBody,
    toCommand: ({ params, body }) => ({ type: 'RotateSecret', data: { ...params, ...body } }),
  }),
  route({
    method: 'POST', url: '/webhooks/subscriptions/:subscriptionId/disable', operationId: 'disableWebhookSubscription', access: ADMIN, status: 200,
    summary: 'Stop deliveries (enabling resumes where they stopped)', params: SubscriptionParams,
    toCommand: ({ params }) => ({ type: 'DisableSubscription', data: params }),
  }),
  route({
    method: 'POST', url: '/webhooks/subscriptions/:subscriptionId/enable', operationId: 'enableWebhookSubscription', access: ADMIN, status: 200,
    summary: 'Resume deliveries, with the event that failed if one did', params: SubscriptionParams,
    toCommand: ({ params }) => ({ type: 'EnableSubscription', data: params }),
  }),
];

const SubscriptionView = CreateBody.extend({
  enabled: z.boolean(),
  generation: z.int().describe("The current secret's generation"),
  delivering: z.boolean().describe('Whether this process delivers to it right now'),
});
const SecretsView = z.object({
  secrets: z.array(z.object({ generation: z.int(), secret: z.string().describe('`whsec_...`: give it to the receiver'), validUntil: z.iso.datetime().nullable() })),
});
const DeliveryView = WebhookDeliveryAttempted.schema.extend({ at: z.iso.datetime() });
const DeliveriesView = z.object({ items: z.array(DeliveryView).describe('Newest first') });
const RedeliveryBody = z.strictObject({ eventId: Uuid.describe('An event the delivery log holds') });
const RedeliveryView = z.object({ ok: z.boolean(), status: z.int().nullable(), error: z.string().nullable(), attempt: z.int() });

export interface WebhookRoutesOptions {
  /** The event store the subscriptions are kept in (they hold no personal data). */
  store: EventStore;
  dispatcher: WebhookDispatcher;
  /** The key the signing secrets are derived from. */
  secretKey: Buffer;
  clock?: () => Date;
}

const tags = { webhooks: 'Signed webhooks (Standard Webhooks): subscriptions, secrets, the delivery log and redelivery; admins only' };
const notFound = problemResponse('No such webhook subscription');

export function registerWebhookRoutes(app: ServiceApp, options: WebhookRoutesOptions): void {
  const now = options.clock ?? (() => new Date());
  const handler = createCommandHandler({
    store: options.store,
    decider: webhookDecider,
    codec: catalogueCodec(webhookSubscriptionEvents),
    streamOf: (command: WebhookCommand) => WebhookStreams.streamOf(command.data.subscriptionId),
  });
  registerCommandRoutes(app, {
    handler,
    routes: webhookCommandRoutes,
    tags,
    problems: { 404: notFound, 409: problemResponse('The subscription exists, or concurrent commands kept conflicting'), 422: problemResponse('A reused Idempotency-Key') },
    clock: now,
    result: { shape: { subscriptionId: Uuid }, of: (command) => ({ subscriptionId: command.data.subscriptionId }) },
  });

  const load = async (subscriptionId: string) => {
    const { state } = await handler.load(WebhookStreams.streamOf(subscriptionId));
    if (!state) throw new AppError(WebhookErrors.EJP_WEBHOOK_NOT_FOUND, `No webhook subscription ${subscriptionId}.`);
    return state;
  };
  const read = (operationId: string, summary: string, response: z.ZodType) => ({
    config: { access: ADMIN },
    schema: { operationId, tags: Object.keys(tags), summary, params: SubscriptionParams, response: { 200: response, 404: notFound } },
  });

  const codec = catalogueCodec(webhookSubscriptionEvents);
  app.get(
    '/webhooks/subscriptions',
    {
      config: { access: ADMIN },
      schema: { operationId: 'listWebhookSubscriptions', tags: Object.keys(tags), summary: 'Every webhook subscription', response: { 200: z.object({ items: z.array(SubscriptionView) }) } },
    },
    async () => {
      // Subscriptions are few: fold their streams from the store, so one just created is listed at once.
      const states = new Map<string, WebhookSubscription | null>();
      for (const recorded of await options.store.readAll({ filter: { streamPrefixes: [WebhookStreams.prefix] } })) {
        const event = codec.decode(recorded);
        if (event) states.set(recorded.streamName, evolveWebhookSubscription(states.get(recorded.streamName) ?? null, event));
      }
      const items = [...states.values()].filter((state): state is WebhookSubscription => state !== null);
      return { items: items.map(({ previous: _, ...state }) => ({ ...state, delivering: options.dispatcher.delivering(state.subscriptionId) })) };
    },
  );

  app.get('/webhooks/subscriptions/:subscriptionId', read('getWebhookSubscription', 'A webhook subscription', SubscriptionView), async (request) => {
    const state = await load(request.params.subscriptionId);
    const { subscriptionId, url, eventTypes, department, enabled, generation } = state;
    return { subscriptionId, url, eventTypes, department, enabled, generation, delivering: options.dispatcher.delivering(subscriptionId) };
  });

  app.get('/webhooks/subscriptions/:subscriptionId/secrets', read('getWebhookSecrets', 'The secrets that sign deliveries now (two during a rotation)', SecretsView), async (request) => {
    const state = await load(request.params.subscriptionId);
    const at = now();
    const secrets = signingGenerations(state, at).map((generation) => ({
      generation,
      secret: deriveSecret(options.secretKey, state.subscriptionId, generation),
      validUntil: generation === state.generation ? null : state.previous!.validUntil,
    }));
    return { secrets };
  });

  app.get(
    '/webhooks/subscriptions/:subscriptionId/deliveries',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'listWebhookDeliveries', tags: Object.keys(tags), summary: 'The delivery log: every attempt and what the receiver answered, newest first',
        params: SubscriptionParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: DeliveriesView, 404: notFound },
      },
    },
    async (request) => {
      await load(request.params.subscriptionId);
      const log = await options.store.readStream(WebhookDeliveryStreams.streamOf(request.params.subscriptionId), { direction: 'backwards', maxCount: request.query.limit });
      return { items: log.map((entry) => ({ ...WebhookDeliveryAttempted.schema.parse(entry.data), at: String(entry.metadata.occurredAt) })) };
    },
  );

  app.post(
    '/webhooks/subscriptions/:subscriptionId/redeliveries',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'redeliverWebhookEvent', tags: Object.keys(tags), summary: 'Deliver a logged event once more, now (logged as a redelivery)',
        params: SubscriptionParams, body: RedeliveryBody,
        response: { 200: RedeliveryView, 404: problemResponse('No such subscription, or its log holds no delivery of the event'), 409: problemResponse('The subscription is disabled') },
      },
    },
    async (request) => {
      const state = await load(request.params.subscriptionId);
      if (!state.enabled) throw new AppError(ErrorCodes.EJP_CONFLICT, 'The subscription is disabled: enable it first.');
      const result = await options.dispatcher.redeliver(state.subscriptionId, request.body.eventId);
      if (!result) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `The delivery log of ${state.subscriptionId} holds no delivery of ${request.body.eventId}.`);
      return result;
    },
  );
}
