import { type EventCatalogue, employeeIdOfStream, eventCatalogue } from '@ejp/contracts';
import type { JourneyEnvelope, JourneyEventHandler, Logger } from '@ejp/messaging';
import type { JsonObject, ReadStore } from '@ejp/readstore';
import { applyToStatus, effectiveStage, emptyStatus } from './journey-status.ts';
import { JOURNEYS_COLLECTION, type JourneyStatus, TIMELINE_COLLECTION, type TimelineEntry } from './read-models.ts';
import { type SafeEvent, toSafeEvent } from './safe-event.ts';
import { titleOf } from './titles.ts';

/** Names the consumer group (Kafka) and the checkpoint (in-process bus): changing it replays everything. */
export const TIMELINE_HANDLER_NAME = 'timeline';

/** Every query the journey API makes filters on the employee and pages in journey (revision) order. */
const TIMELINE_INDEXES = [
  ['employeeId', 'revision'],
  ['employeeId', 'stage', 'revision'],
  ['employeeId', 'type', 'revision'],
] as const;

export interface TimelineProjectionOptions {
  /** Defaults to the platform catalogue. */
  catalogue?: EventCatalogue;
  logger?: Logger;
}

export interface TimelineProjection extends JourneyEventHandler {
  /** Declares the indexes the journey API relies on (idempotent; the store re-creates them after a drop). */
  init(): Promise<void>;
  /** Deletes both read models; a replay from the first event must follow (see rebuild.ts). */
  reset(): Promise<void>;
}

/**
 * The timeline projection: per employee, one timeline entry per touchpoint and
 * one journey-status document. Idempotent under at-least-once delivery:
 * - an event at or below the status's lastAppliedRevision is skipped;
 * - entries are put-if-absent by event id, and written BEFORE the status, so
 *   a crash between the two re-puts the same entries (computed from the same
 *   status) on redelivery, and a reader that waited for lastAppliedRevision
 *   (read-your-writes) finds every entry up to it;
 * - the status is upserted only if newer, with no wall-clock field in it.
 * Employees are independent, so a batch's employees are applied concurrently;
 * one employee's events are applied in order.
 */
export function createTimelineProjection(readStore: ReadStore, options: TimelineProjectionOptions = {}): TimelineProjection {
  const catalogue = options.catalogue ?? eventCatalogue;
  const unknownTypes = new Set<string>();

  const applyEmployee = async (employeeId: string, events: readonly JourneyEnvelope[]): Promise<void> => {
    const stored = await readStore.get<JourneyStatus>(JOURNEYS_COLLECTION, employeeId);
    let status = stored?.doc ?? emptyStatus(employeeId);
    const before = status.lastAppliedRevision;
    const entries: TimelineEntry[] = [];
    for (const event of events) {
      const revision = Number(event.revision);
      if (revision <= status.lastAppliedRevision) continue;
      const occurredAt = new Date(event.occurredAt).toISOString();
      const safe = toSafeEvent(catalogue, event.type, event.version, event.data);
      if (safe) entries.push(timelineEntry(status, event, safe, occurredAt));
      else if (!unknownTypes.has(event.type)) {
        unknownTypes.add(event.type);
        options.logger?.warn({ type: event.type }, 'timeline: event type not in the catalogue; not shown (rebuild once the catalogue knows it)');
      }
      status = applyToStatus(status, { type: event.type, data: safe?.data ?? {}, revision, occurredAt });
    }
    await settleAll(entries.map((entry) => readStore.putIfAbsent(TIMELINE_COLLECTION, entry.eventId, entry as unknown as JsonObject)));
    if (status.lastAppliedRevision > before) {
      await readStore.upsertIfNewer(JOURNEYS_COLLECTION, employeeId, status.lastAppliedRevision, { replace: status as unknown as JsonObject });
    }
  };

  return {
    name: TIMELINE_HANDLER_NAME,
    async handle(events) {
      const byEmployee = new Map<string, JourneyEnvelope[]>();
      for (const event of events) {
        const employeeId = employeeIdOfStream(event.stream);
        if (employeeId === undefined) continue;
        const list = byEmployee.get(employeeId) ?? [];
        list.push(event);
        byEmployee.set(employeeId, list);
      }
      await settleAll([...byEmployee].map(([id, list]) => applyEmployee(id, list)));
    },
    async init() {
      await readStore.declareIndexes(TIMELINE_COLLECTION, TIMELINE_INDEXES);
    },
    async reset() {
      await readStore.deleteCollection(TIMELINE_COLLECTION);
      await readStore.deleteCollection(JOURNEYS_COLLECTION);
    },
  };
}

/** The touchpoint of one event, judged by the status just before it. */
function timelineEntry(before: JourneyStatus, event: JourneyEnvelope, safe: SafeEvent, occurredAt: string): TimelineEntry {
  // The stage the employee was in when it happened; the journey's first event takes its own.
  const stage = before.lastAppliedRevision < 0 ? (safe.definition.stage ?? before.stage) : effectiveStage(before, occurredAt);
  return {
    employeeId: before.employeeId,
    eventId: event.eventId,
    revision: Number(event.revision),
    occurredAt,
    recordedAt: new Date(event.recordedAt).toISOString(),
    stage,
    type: event.type,
    version: safe.version,
    title: titleOf(safe, (taskId) => before.tasks.find((t) => t.id === taskId)?.title),
    actor: event.actor,
    source: safe.definition.source ?? 'unknown',
    data: safe.data,
    withheld: safe.withheld,
  };
}

/**
 * Like Promise.all, but settles only when every write has: once handle()
 * returns or throws, none of its writes is still running, so a retry or a
 * shutdown that closes the store never overlaps them.
 */
async function settleAll(writes: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}
