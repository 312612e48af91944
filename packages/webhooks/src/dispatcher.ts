import {
  eventCatalogue,
  evolvePosition,
  evolveWebhookSubscription,
  JourneyStreams,
  newEvent,
  type Position,
  signingGenerations,
  type StageEvent,
  streamCategories,
  WebhookDeliveryAttempted,
  WebhookDeliveryStreams,
  WebhookStreams,
  type WebhookSubscription,
  WebhookSubscriptionDisabled,
  type WebhookSubscriptionEvent,
  webhookSubscriptionEvents,
} from '@ejp/contracts';
import { type Backoff, type CheckpointStore, type EventStore, exponentialBackoff, InMemoryCheckpointStore, type RecordedEvent, type Subscription, subscribeWithCheckpoints } from '@ejp/eventstore';
import { envelopeOfRecorded, kafkaCodecOf, type Logger } from '@ejp/messaging';
import { deriveSecret, webhookHeaders } from './signature.ts';

export interface WebhookDispatcherOptions {
  /** The RAW event store: deliveries carry personal fields as Kafka does, encrypted. */
  store: Pick<EventStore, 'subscribeToAll' | 'readStream' | 'appendToStream'>;
  checkpoints: CheckpointStore;
  /** The key the signing secrets are derived from (see deriveSecret). */
  secretKey: Buffer;
  /** The clock of signatures and of the retry period (tests move it). */
  clock?: () => Date;
  /** Wait before retrying a failed delivery (default: 1 s doubling to 1 h). */
  backoff?: Backoff;
  /** How long one event is retried before the subscription is disabled (default 24 h). */
  retryForMs?: number;
  /** How long a receiver may take to answer (default 10 s). */
  timeoutMs?: number;
  /** Base URL of the relay serving the events' JSON Schemas (each CloudEvent's dataschema). */
  dataSchemaBase?: string;
  logger?: Logger;
}

export interface DeliveryResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  attempt: number;
}

/** One event failed for the whole retry period: its subscription is disabled (by the event this records). */
class SubscriptionDisabledError extends Error {
  override name = 'SubscriptionDisabledError';
}

const DAY_MS = 86_400_000;
const SYSTEM = { id: 'webhooks', kind: 'system' } as const;
const subscriptionTypes = new Set<string>(webhookSubscriptionEvents.map((definition) => definition.type));

/** A stored subscription event at its current version. */
function subscriptionEventOf(recorded: RecordedEvent): WebhookSubscriptionEvent | undefined {
  if (!subscriptionTypes.has(recorded.type)) return undefined;
  const { data } = eventCatalogue.upcast(recorded.type, Number(recorded.metadata.version), recorded.data);
  return { type: recorded.type, data } as WebhookSubscriptionEvent;
}

/**
 * Delivers events from the event store to webhook subscriptions, with the
 * machinery the relay's consumers use: one checkpointed catch-up
 * subscription per webhook subscription (`webhook:<id>`), starting after the
 * event that created it, handling events one at a time in store order (so
 * per employee, too). A failed delivery is retried with exponential backoff
 * from the checkpoint; the events after it wait, so order is kept. After
 * `retryForMs` of failing, the subscription is disabled with an event
 * saying so; enabling it resumes with the failed event. Every attempt is
 * logged in the subscription's delivery stream. Delivery is at least once:
 * receivers deduplicate by `webhook-id` (the event id).
 */
export class WebhookDispatcher {
  readonly #o: WebhookDispatcherOptions;
  readonly #clock: () => Date;
  readonly #codec;
  readonly #subscriptions = new Map<string, { state: WebhookSubscription; createdAt: bigint }>();
  readonly #loops = new Map<string, Subscription>();
  #watch: Subscription | undefined;

  constructor(options: WebhookDispatcherOptions) {
    this.#o = options;
    this.#clock = options.clock ?? (() => new Date());
    this.#codec = kafkaCodecOf(streamCategories, options.dataSchemaBase === undefined ? {} : { dataSchemaBase: options.dataSchemaBase });
  }

  /** Follows every subscription stream from the beginning and keeps one delivery loop per enabled subscription. */
  start(): void {
    // Read from the beginning at every start (the fold lives in memory); after a failure it resumes where it was.
    this.#watch = subscribeWithCheckpoints({
      store: this.#o.store,
      checkpoints: new InMemoryCheckpointStore(),
      subscriberId: 'webhooks:subscriptions',
      filter: { streamPrefixes: [WebhookStreams.prefix] },
      handler: (event) => this.#onSubscriptionEvent(event),
      onError: (error, failures) => this.#o.logger?.error({ err: error, failures }, 'webhooks: the subscription watch failed, retrying'),
    });
  }

  async stop(): Promise<void> {
    await this.#watch?.stop();
    await Promise.all([...this.#loops.keys()].map((id) => this.#stopLoop(id)));
  }

  /** The subscription as the dispatcher knows it (undefined until its stream was read). */
  subscription(id: string): WebhookSubscription | undefined {
    return this.#subscriptions.get(id.toLowerCase())?.state;
  }

  /** Whether a delivery loop runs for the subscription. */
  delivering(id: string): boolean {
    return this.#loops.has(id.toLowerCase());
  }

  /** Delivers a logged event once more, on an admin's request; undefined when the log holds no delivery of it. */
  async redeliver(subscriptionId: string, eventId: string): Promise<DeliveryResult | undefined> {
    const id = subscriptionId.toLowerCase();
    // Not folded yet (the watch is catching up after a start): it has delivered nothing to redeliver.
    if (!this.#subscriptions.has(id)) return undefined;
    const log = await this.#o.store.readStream(WebhookDeliveryStreams.streamOf(id));
    const attempts = log.filter((entry) => entry.data.eventId === eventId.toLowerCase());
    const first = attempts[0];
    if (!first) return undefined;
    const [event] = await this.#o.store.readStream(String(first.data.stream), { fromRevision: BigInt(String(first.data.revision)), maxCount: 1 });
    if (!event) return undefined;
    return this.#deliver(id, event, attempts.length + 1, true);
  }

  async #onSubscriptionEvent(recorded: RecordedEvent): Promise<void> {
    const id = WebhookStreams.idOf(recorded.streamName);
    const event = subscriptionEventOf(recorded);
    if (id === undefined || event === undefined) return;
    const known = this.#subscriptions.get(id);
    const state = evolveWebhookSubscription(known?.state ?? null, event);
    if (!state) return;
    this.#subscriptions.set(id, { state, createdAt: known?.createdAt ?? recorded.position });
    if (state.enabled && !this.#loops.has(id)) await this.#startLoop(id);
    if (!state.enabled && this.#loops.has(id)) await this.#stopLoop(id);
  }

  async #startLoop(id: string): Promise<void> {
    const { store, checkpoints } = this.#o;
    const subscriberId = `webhook:${id}`;
    const known = this.#subscriptions.get(id)!;
    // A new subscription gets the events after the one that created it, not the whole history.
    if ((await checkpoints.load(subscriberId)) === undefined) await checkpoints.store(subscriberId, known.createdAt);
    const retryForMs = this.#o.retryForMs ?? DAY_MS;
    let failingSince: Date | undefined;
    let attempt = 0;
    const loop = subscribeWithCheckpoints({
      store,
      checkpoints,
      subscriberId,
      filter: { streamPrefixes: streamCategories.publishedPrefixes(), eventTypes: known.state.eventTypes },
      retry: { backoff: this.#o.backoff ?? exponentialBackoff({ initialMs: 1_000, maxMs: 3_600_000 }) },
      handler: async (event) => {
        const state = this.#subscriptions.get(id)!.state;
        if (!(await this.#inDepartment(state, event))) return;
        attempt += 1;
        const result = await this.#deliver(id, event, attempt, false);
        if (result.ok) {
          failingSince = undefined;
          attempt = 0;
          return;
        }
        const now = this.#clock();
        failingSince ??= now;
        if (now.getTime() - failingSince.getTime() >= retryForMs) {
          const data = { reason: 'delivery-failing' as const, eventId: event.id, failingSince: failingSince.toISOString(), attempts: attempt };
          await store.appendToStream(WebhookStreams.streamOf(id), [newEvent(WebhookSubscriptionDisabled, data, this.#context(event, now))]);
          throw new SubscriptionDisabledError(`subscription ${id}: ${event.id} failed for ${retryForMs} ms`);
        }
        throw new Error(`delivery of ${event.id} to subscription ${id} failed: ${result.error ?? result.status}`);
      },
      onError: (error, failures) => {
        // The disabled event stops the loop through the watch; nothing to retry meanwhile.
        if (error instanceof SubscriptionDisabledError) void this.#stopLoop(id);
        else this.#o.logger?.warn({ err: error, subscriptionId: id, failures }, 'webhooks: delivery failed, retrying');
      },
    });
    this.#loops.set(id, loop);
  }

  async #stopLoop(id: string): Promise<void> {
    const loop = this.#loops.get(id);
    this.#loops.delete(id);
    await loop?.stop();
  }

  /** A department subscription gets journey events of employees of that department at the time of the event. */
  async #inDepartment(state: WebhookSubscription, event: RecordedEvent): Promise<boolean> {
    if (state.department === null) return true;
    if (!JourneyStreams.owns(event.streamName)) return false;
    const before = await this.#o.store.readStream(event.streamName, { maxCount: Number(event.revision) + 1 });
    const position = before.reduce<Position | null>((current, e) => evolvePosition(current, e as unknown as StageEvent), null);
    return position?.department === state.department;
  }

  async #deliver(id: string, event: RecordedEvent, attempt: number, redelivery: boolean): Promise<DeliveryResult> {
    const state = this.#subscriptions.get(id)?.state;
    if (!state) throw new Error(`no webhook subscription ${id}`);
    // The CloudEvent in structured mode: the attributes Kafka carries as headers, and the data as on Kafka.
    const body = JSON.stringify({ ...this.#codec.cloudEventAttributes(envelopeOfRecorded(event)), datacontenttype: 'application/json', data: event.data });
    const at = this.#clock();
    const secrets = signingGenerations(state, at).map((generation) => deriveSecret(this.#o.secretKey, id, generation));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(state.url, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json', ...webhookHeaders(secrets, event.id, at, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#o.timeoutMs ?? 10_000),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (failure) {
      error = (failure instanceof Error ? `${failure.message}${failure.cause instanceof Error ? `: ${failure.cause.message}` : ''}` : String(failure)).slice(0, 500);
    }
    const ok = status !== null && status >= 200 && status < 300;
    const logged = { eventId: event.id, eventType: event.type, stream: event.streamName, revision: event.revision.toString(), attempt, status, ok, error, redelivery };
    await this.#o.store.appendToStream(WebhookDeliveryStreams.streamOf(id), [newEvent(WebhookDeliveryAttempted, logged, this.#context(event, at))]);
    return { ok, status, error, attempt };
  }

  #context(event: RecordedEvent, at: Date) {
    return { actor: SYSTEM, correlationId: String(event.metadata.correlationId ?? event.id), causationId: event.id, occurredAt: at };
  }
}
