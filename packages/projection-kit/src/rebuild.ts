import { type EventCatalogue, envelopeOf, type StreamCategories, streamCategories } from '@ejp/contracts';
import type { EventStore, GlobalPosition, RecordedEvent } from '@ejp/eventstore';
import type { JourneyEnvelope } from '@ejp/messaging';
import type { ReadStore } from '@ejp/readstore';
import type { Projection } from './projection.ts';
import { RebuildReader } from './rebuild-reader.ts';
import { createProjectionRunner } from './runner.ts';
import { recordRebuildPage } from './telemetry.ts';
import { recordVersion } from './versions.ts';

export interface RebuildProgress {
  /** Events read from the store so far (handled or skipped). */
  events: number;
  /** Document writes that applied so far. */
  documents: number;
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
  /** Any list of projections: only these are emptied and refilled. */
  projections: readonly Projection[];
  /** Events per readAll page and per batch write (default 500). */
  pageSize?: number;
  /** Called at most every `progressIntervalMs` (default 1000) and once at the end. */
  onProgress?: (progress: RebuildProgress) => void;
  progressIntervalMs?: number;
  catalogue?: EventCatalogue;
  categories?: StreamCategories;
}

/**
 * Empties the given projections and replays every published stream from the
 * event store, in global order, through the same runner the live path runs
 * (one batch write per page; reads answered from what the rebuild wrote,
 * see RebuildReader), then records each projection's version. Stop
 * the live projector first: one that writes a document at revision N before
 * the replay gets there makes the replay skip that stream's revisions below N.
 * A page that fails is retried event by event, and events that still fail are
 * skipped and reported, as the live path dead-letters them: one poison event
 * must not make the read models impossible to rebuild.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { events: store, readStore, projections } = options;
  const categories = options.categories ?? streamCategories;
  const pageSize = options.pageSize ?? 500;
  const interval = options.progressIntervalMs ?? 1000;
  const runner = createProjectionRunner({
    name: 'rebuild',
    readStore,
    projections,
    categories,
    ...(options.catalogue ? { catalogue: options.catalogue } : {}),
    rebuildReader: new RebuildReader(readStore),
  });
  await runner.truncate();
  for (const projection of projections) await projection.init(readStore);

  const started = performance.now();
  const skipped: SkippedEvent[] = [];
  let count = 0;
  let documents = 0;
  let position: GlobalPosition | undefined;
  let lastReport = started;
  const progress = (done: boolean): RebuildProgress => {
    const elapsedMs = performance.now() - started;
    return { events: count, documents, position, elapsedMs, eventsPerSecond: elapsedMs > 0 ? Math.round((count * 1000) / elapsedMs) : 0, done };
  };

  // Without a sync per batch (the event store synced every event; a rebuild cut short is
  // started again, its versions recorded only after the durable flush bulkLoad ends with).
  await readStore.bulkLoad(async () => {
    for (;;) {
      const page = await store.readAll({
        ...(position === undefined ? {} : { after: position }),
        maxCount: pageSize,
        filter: { streamPrefixes: categories.publishedPrefixes() },
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
        documents += (await runner.apply(decoded.map((d) => d.envelope))).applied;
      } catch {
        for (const { event, envelope } of decoded) {
          try {
            documents += (await runner.apply([envelope])).applied;
          } catch (error) {
            skipped.push(skip(event, error));
          }
        }
      }
      count += page.length;
      position = page.at(-1)!.position;
      recordRebuildPage(runner.name, page.length, position);
      if (performance.now() - lastReport >= interval) {
        lastReport = performance.now();
        options.onProgress?.(progress(false));
      }
      if (page.length < pageSize) break;
    }
  });
  for (const projection of projections) await recordVersion(readStore, projection);
  const final = progress(true);
  options.onProgress?.(final);
  return { ...final, skipped };
}

function skip(event: RecordedEvent, error: unknown): SkippedEvent {
  return { eventId: event.id, position: event.position, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** One progress line, e.g. `rebuild: 120000 events, 48213 events/s, position 120457, 2.5 s`. */
export function formatProgress(p: RebuildProgress): string {
  const at = p.position === undefined ? 'no events' : `position ${p.position}`;
  return `rebuild${p.done ? ' done' : ''}: ${p.events} events, ${p.eventsPerSecond} events/s, ${at}, ${(p.elapsedMs / 1000).toFixed(1)} s`;
}

/**
 * Prints progress as a status line: on a terminal it is redrawn in place
 * (the event store cannot say how many events are left, so it counts up
 * rather than filling a bar) and ends with the final line; elsewhere (logs,
 * CI, tests) each report is a line of its own.
 */
export function progressPrinter(out: { write(text: string): unknown; isTTY?: boolean }): (progress: RebuildProgress) => void {
  return (progress) => {
    const line = formatProgress(progress);
    if (out.isTTY) out.write(`\r\u001b[2K${line}${progress.done ? '\n' : ''}`);
    else out.write(`${line}\n`);
  };
}
