import { type EventCatalogue, envelopeOf } from '@ejp/contracts';
import type { EventStore, GlobalPosition, RecordedEvent } from '@ejp/eventstore';
import { type JourneyEnvelope, JOURNEY_STREAM_PREFIX } from '@ejp/messaging';
import type { ReadStore } from '@ejp/readstore';
import { createTimelineProjection } from './timeline-projection.ts';

export interface RebuildProgress {
  /** Events read from the store so far (handled or skipped). */
  events: number;
  /** Global position of the last event read; undefined before the first. */
  position: GlobalPosition | undefined;
  elapsedMs: number;
  eventsPerSecond: number;
  done: boolean;
}

export interface SkippedEvent {
  eventId: string;
  position: GlobalPosition;
  error: string;
}

export interface RebuildResult extends RebuildProgress {
  /** Events that could not be decoded or applied (the live path would dead-letter them). */
  skipped: SkippedEvent[];
}

export interface RebuildOptions {
  /** The event store to replay: the raw one is fine (personal fields never reach the read models either way). */
  events: Pick<EventStore, 'readAll'>;
  readStore: ReadStore;
  /** Events per readAll page and per handle() call (default 500). */
  pageSize?: number;
  /** Called at most every `progressIntervalMs` (default 1000) and once at the end. */
  onProgress?: (progress: RebuildProgress) => void;
  progressIntervalMs?: number;
  catalogue?: EventCatalogue;
}

/**
 * Drops the timeline and journey-status read models and replays every
 * `journey-` stream from the event store, in global order, through the same
 * projection the live path runs. Stop the live projector first: one that
 * writes an employee's status at revision N before the replay gets there
 * makes the replay skip that employee's revisions below N.
 * A page that fails is retried event by event, and events that still fail
 * are skipped and reported, as the live path dead-letters them: one poison
 * event must not make the read models impossible to rebuild.
 */
export async function rebuildTimeline(options: RebuildOptions): Promise<RebuildResult> {
  const { events: store, readStore } = options;
  const pageSize = options.pageSize ?? 500;
  const interval = options.progressIntervalMs ?? 1000;
  const projection = createTimelineProjection(readStore, options.catalogue ? { catalogue: options.catalogue } : {});
  await projection.reset();
  await projection.init();

  const started = performance.now();
  const skipped: SkippedEvent[] = [];
  let count = 0;
  let position: GlobalPosition | undefined;
  let lastReport = started;
  const progress = (done: boolean): RebuildProgress => {
    const elapsedMs = performance.now() - started;
    return { events: count, position, elapsedMs, eventsPerSecond: elapsedMs > 0 ? Math.round((count * 1000) / elapsedMs) : 0, done };
  };

  for (;;) {
    const page = await store.readAll({
      ...(position === undefined ? {} : { after: position }),
      maxCount: pageSize,
      filter: { streamPrefixes: [JOURNEY_STREAM_PREFIX] },
    });
    if (page.length === 0) break;
    const decoded: { event: RecordedEvent; envelope: JourneyEnvelope }[] = [];
    for (const event of page) {
      try {
        decoded.push({ event, envelope: envelopeOf(event) });
      } catch (error) {
        skipped.push(skip(event, error));
      }
    }
    try {
      await projection.handle(decoded.map((d) => d.envelope));
    } catch {
      for (const { event, envelope } of decoded) {
        await projection.handle([envelope]).catch((error: unknown) => skipped.push(skip(event, error)));
      }
    }
    count += page.length;
    position = page.at(-1)!.position;
    if (performance.now() - lastReport >= interval) {
      lastReport = performance.now();
      options.onProgress?.(progress(false));
    }
    if (page.length < pageSize) break;
  }
  const final = progress(true);
  options.onProgress?.(final);
  return { ...final, skipped };
}

function skip(event: RecordedEvent, error: unknown): SkippedEvent {
  return { eventId: event.id, position: event.position, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** One progress line, e.g. `rebuild: 120000 events, 48213 events/s, position 120457`. */
export function formatProgress(p: RebuildProgress): string {
  const at = p.position === undefined ? 'no events' : `position ${p.position}`;
  return `rebuild${p.done ? ' done' : ''}: ${p.events} events, ${p.eventsPerSecond} events/s, ${at}, ${(p.elapsedMs / 1000).toFixed(1)} s`;
}

// Run as a process. No top-level await: rebuild-command imports this module, which must finish evaluating first.
if (import.meta.main) {
  import('./rebuild-command.ts')
    .then(({ runRebuildCommand }) => runRebuildCommand(process.env))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        console.error('rebuild failed:', error);
        process.exitCode = 1;
      },
    );
}
