import { DomainError } from '@ejp/command-kit';
import {
  type CausationContext,
  entryOf,
  eventCatalogue,
  type MeasuredPolicy,
  type SlaDeadlines,
  ServiceCatalogueStreams,
  ServiceRequestStreams,
  type ServiceCatalogueEvent,
} from '@ejp/contracts';
import { type EventStore, type RecordedEvent, watchStore } from '@ejp/eventstore';
import type { Logger } from '@ejp/service-kit';
import { type CatalogueState, evolveCatalogue, initialCatalogue, policyOf } from './domain/catalogue.ts';
import type { RequestCommand } from './domain/commands.ts';
import type { RequestHandler } from './routes.ts';

/**
 * Notices time passing and policies changing for open requests, as the
 * offboarding access-removal scheduler does for last days. At start it reads
 * the service desk's events once, then follows them live, keeping per open
 * request only its item, policy, deadlines and breaches, and the catalogue.
 *
 * - Every `checkEveryMs` it sends `CheckSla` to each request whose deadline
 *   has come: the decider records the breach (which the relay carries to
 *   Kafka like every event). The key names the clock and the deadline, so
 *   replicas, restarts and retries record it once.
 * - When an item or a calendar changes, it sends `RecomputeSla` with the
 *   new policy to each open request of the item; the decider recomputes the
 *   deadlines from the request's own history.
 */

export interface WatchedRequest {
  itemId: string;
  policy: MeasuredPolicy;
  deadlines: SlaDeadlines;
  breached: Set<string>;
  causedBy: { eventId: string; correlationId: string };
}

export interface SlaWatcherOptions {
  store: EventStore;
  handler: RequestHandler;
  organisationId: string;
  clock?: () => Date;
  /** How often deadlines are looked at (default one minute): the lag of a breach at most. */
  checkEveryMs?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface SlaWatcher {
  start(): Promise<void>;
  /** Checks every request whose deadline has come, and recomputes those whose policy changed; the request ids sent a command. */
  runDue(): Promise<string[]>;
  watched(): ReadonlyMap<string, WatchedRequest>;
  stop(): Promise<void>;
}

export const SLA_WATCHER_ACTOR = { id: 'servicedesk-sla-watcher', kind: 'service' } as const;
const SETTLING = new Set(['servicedesk.request.rejected', 'servicedesk.request.closed']);

export function createSlaWatcher(options: SlaWatcherOptions): SlaWatcher {
  const { store, handler } = options;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger;
  const catalogueStream = ServiceCatalogueStreams.streamOf(options.organisationId);
  const requests = new Map<string, WatchedRequest>();
  let catalogue: CatalogueState = initialCatalogue();
  /** The catalogue event that made the policies what they are: one recomputation per change and request. */
  let catalogueChange = 'none';
  const filter = { streamPrefixes: [ServiceRequestStreams.prefix, catalogueStream] };

  function learn(event: RecordedEvent): void {
    const version = typeof event.metadata.version === 'number' ? event.metadata.version : 1;
    const { data } = eventCatalogue.upcast(event.type, version, event.data);
    if (event.streamName === catalogueStream) {
      catalogue = evolveCatalogue(catalogue, { type: event.type, data } as ServiceCatalogueEvent);
      catalogueChange = event.id;
      return;
    }
    const requestId = ServiceRequestStreams.idOf(event.streamName);
    if (requestId === undefined) return;
    const causedBy = { eventId: event.id, correlationId: String(event.metadata.correlationId ?? event.id) };
    if (SETTLING.has(event.type)) {
      requests.delete(requestId);
      return;
    }
    const known = requests.get(requestId);
    if (event.type === 'servicedesk.request.submitted') {
      requests.set(requestId, { itemId: String(data.itemId), policy: data.policy as MeasuredPolicy, deadlines: data.deadlines as SlaDeadlines, breached: new Set(), causedBy });
      return;
    }
    if (!known) return;
    if (event.type === 'servicedesk.request.sla-breached') known.breached.add(String(data.clock));
    if (event.type === 'servicedesk.request.sla-recomputed') known.policy = data.policy as MeasuredPolicy;
    if (data.deadlines) {
      known.deadlines = data.deadlines as SlaDeadlines;
      known.causedBy = causedBy;
    }
  }

  async function send(requestId: string, entry: WatchedRequest, command: RequestCommand, idempotencyKey: string): Promise<boolean> {
    const context: CausationContext = { actor: SLA_WATCHER_ACTOR, correlationId: entry.causedBy.correlationId, causationId: entry.causedBy.eventId };
    try {
      await handler.handle(command, { context, idempotencyKey });
      return true;
    } catch (error) {
      if (error instanceof DomainError) {
        logger?.warn({ requestId, code: error.code }, 'SLA watcher command refused: the request moved on');
        return true;
      }
      logger?.error({ requestId, err: error }, 'SLA watcher command failed; retrying at the next check');
      return false;
    }
  }

  async function due(): Promise<string[]> {
    const now = clock();
    const sent: string[] = [];
    for (const [requestId, entry] of [...requests]) {
      const facts = { requestId, caller: { id: SLA_WATCHER_ACTOR.id, roles: ['service'] }, teams: {} };
      const item = entryOf(catalogue.items, entry.itemId);
      const policy = item ? policyOf(catalogue, item) : entry.policy;
      if (JSON.stringify(policy) !== JSON.stringify(entry.policy)) {
        const key = `sla-recompute-${catalogueChange}`;
        if (await send(requestId, entry, { type: 'RecomputeSla', data: { ...facts, policy }, metadata: { now } }, key)) sent.push(requestId);
        continue;
      }
      for (const [clockName, dueAt] of [['first-response', entry.deadlines.firstResponseDueAt], ['resolution', entry.deadlines.resolutionDueAt]] as const) {
        if (dueAt === null || entry.breached.has(clockName) || new Date(dueAt) > now) continue;
        const key = `sla-check-${clockName}-${dueAt}`;
        if (await send(requestId, entry, { type: 'CheckSla', data: facts, metadata: { now } }, key)) {
          // Until the breach is learnt from the store, do not send it again.
          entry.breached.add(clockName);
          sent.push(requestId);
        }
      }
    }
    if (sent.length > 0) logger?.info({ requests: sent.length }, 'SLA clocks checked');
    return sent;
  }

  const watch = watchStore({
    store,
    filter,
    learn,
    check: due,
    everyMs: options.checkEveryMs ?? 60_000,
    onError: (error) => logger?.error({ err: error }, 'SLA watcher stopped following requests'),
  });
  return {
    start: () => watch.start(),
    runDue: () => watch.run(),
    watched: () => requests,
    stop: () => watch.stop(),
  };
}

