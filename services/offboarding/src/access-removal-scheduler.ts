import { DomainError } from '@ejp/command-kit';
import { type CausationContext, employeeIdOfStream, eventCatalogue, isoDay, JourneyStreams } from '@ejp/contracts';
import { type EventStore, type RecordedEvent, watchStore } from '@ejp/eventstore';
import type { Logger } from '@ejp/service-kit';
import type { OffboardingHandler } from './http/routes.ts';

/**
 * Announces `journey.offboarding.access-removal-due` at the start of each
 * open offboarding's last day (UTC, as the decider judges days), for the
 * deprovisioning consumers on Kafka. No nightly scan of the store: at start it
 * reads only the five event types that set or settle a last day, then follows
 * them live, so it keeps a small map of pending last days (one entry per
 * employee in offboarding) and checks it every `checkEveryMs`.
 *
 * The command it sends is idempotent by its key (the last day), so several
 * replicas, a restart or a retry all record the event once; a departure that
 * came first already announced it (the decider does), which empties the entry.
 */

/** The types that set a pending last day, move it, or settle it (withdrawn, announced, departed). */
const LAST_DAY_TYPES = [
  'journey.offboarding.started',
  'journey.offboarding.last-day-changed',
  'journey.offboarding.resignation-withdrawn',
  'journey.offboarding.access-removal-due',
  'journey.employee.departed',
];

export interface PendingLastDay {
  lastDay: string;
  /** The event that set it: the announcement's causation, and its flow's correlation. */
  causedBy: { eventId: string; correlationId: string };
}

export interface AccessRemovalSchedulerOptions {
  /** Where the last days are learnt from (the same store the handler appends to). */
  store: EventStore;
  handler: OffboardingHandler;
  clock?: () => Date;
  /** How often due entries are looked for (default one minute): the lag after midnight at most. */
  checkEveryMs?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface AccessRemovalScheduler {
  /** Reads the pending last days, follows new ones live, announces the due ones and checks again every `checkEveryMs`. */
  start(): Promise<void>;
  /** Announces every entry whose last day has come; the employee ids announced. */
  runDue(): Promise<string[]>;
  pending(): ReadonlyMap<string, PendingLastDay>;
  stop(): Promise<void>;
}

export const SCHEDULER_ACTOR = { id: 'offboarding-access-removal-scheduler', kind: 'service' } as const;

export function createAccessRemovalScheduler(options: AccessRemovalSchedulerOptions): AccessRemovalScheduler {
  const { store, handler } = options;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger;
  const pending = new Map<string, PendingLastDay>();
  const filter = { streamPrefixes: [JourneyStreams.prefix], eventTypes: LAST_DAY_TYPES };

  function learn(event: RecordedEvent): void {
    const employeeId = employeeIdOfStream(event.streamName);
    if (employeeId === undefined) return;
    const version = typeof event.metadata.version === 'number' ? event.metadata.version : 1;
    const { data } = eventCatalogue.upcast(event.type, version, event.data);
    const causedBy = { eventId: event.id, correlationId: String(event.metadata.correlationId ?? event.id) };
    if (event.type === 'journey.offboarding.started') pending.set(employeeId, { lastDay: String(data.lastDay), causedBy });
    else if (event.type === 'journey.offboarding.last-day-changed') pending.set(employeeId, { lastDay: String(data.to), causedBy });
    else pending.delete(employeeId);
  }

  async function announce(employeeId: string, entry: PendingLastDay, now: Date): Promise<boolean> {
    const context: CausationContext = { actor: SCHEDULER_ACTOR, correlationId: entry.causedBy.correlationId, causationId: entry.causedBy.eventId };
    try {
      await handler.handle(
        { type: 'MarkAccessRemovalDue', data: { employeeId }, metadata: { now } },
        { context, idempotencyKey: `access-removal-due-${entry.lastDay}` },
      );
      return true;
    } catch (error) {
      // A rule refused it (the offboarding was settled meanwhile): nothing left to announce.
      if (error instanceof DomainError) {
        logger?.warn({ employeeId, code: error.code }, 'access removal not announced: the offboarding no longer asks for it');
        return true;
      }
      // The store is unreachable, say: the entry stays and the next check tries again.
      logger?.error({ employeeId, err: error }, 'access removal announcement failed; retrying at the next check');
      return false;
    }
  }

  async function due(): Promise<string[]> {
    const now = clock();
    const today = isoDay(now);
    const announced: string[] = [];
    for (const [employeeId, entry] of [...pending]) {
      if (entry.lastDay > today) continue;
      if (await announce(employeeId, entry, now)) {
        // Unless a newer last day was learnt meanwhile.
        if (pending.get(employeeId) === entry) pending.delete(employeeId);
        announced.push(employeeId);
      }
    }
    if (announced.length > 0) logger?.info({ employees: announced.length }, 'access removal announced');
    return announced;
  }

  const watch = watchStore({
    store,
    filter,
    learn,
    check: due,
    everyMs: options.checkEveryMs ?? 60_000,
    onError: (error) => logger?.error({ err: error }, 'access-removal scheduler stopped following last days'),
  });
  return {
    start: () => watch.start(),
    // Never two runs at once: a slow store must not announce twice in parallel.
    runDue: () => watch.run(),
    pending: () => pending,
    stop: () => watch.stop(),
  };
}
