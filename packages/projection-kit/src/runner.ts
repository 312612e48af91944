import { type EventCatalogue, eventCatalogue, type StreamCategories, streamCategories } from '@ejp/contracts';
import type { JourneyEnvelope, JourneyEventHandler, Logger } from '@ejp/messaging';
import type { DocumentWrite, ReadStore } from '@ejp/readstore';
import { type ProjectedEvent, toProjectedEvent } from './projected-event.ts';
import type { Projection } from './projection.ts';
import type { RebuildReader } from './rebuild-reader.ts';
import { inProjectionSpan } from './telemetry.ts';
import { StaleProjectionsError, staleProjections } from './versions.ts';

export interface ProjectionRunnerOptions {
  /** The handler name: names the Kafka consumer group suffix and the in-process bus checkpoint (changing it replays everything). */
  name: string;
  readStore: ReadStore;
  /**
   * Applied in this order, and their documents written in this order: a reader
   * that waits for a later projection's revision (the journey status) finds the
   * earlier ones' documents (the timeline) written.
   */
  projections: readonly Projection[];
  /** Defaults to the platform catalogue. */
  catalogue?: EventCatalogue;
  /** Defaults to the platform's stream categories. */
  categories?: StreamCategories;
  logger?: Logger;
  /** Rebuild only: answers the projections' reads from what this runner wrote (see RebuildReader). */
  rebuildReader?: RebuildReader;
}

/** What one batch did: the document writes sent, and how many of them applied (the others were redeliveries). */
export interface BatchOutcome {
  writes: number;
  applied: number;
}

export interface ProjectionRunner extends JourneyEventHandler {
  readonly projections: readonly Projection[];
  /** Each projection's init (indexes); throws StaleProjectionsError when the store holds another version of one. */
  init(): Promise<void>;
  /** Applies one batch and says how many documents it wrote (handle() without the count). */
  apply(events: readonly JourneyEnvelope[]): Promise<BatchOutcome>;
  /** Empties every projection (a replay from the first event must follow: see rebuildProjections). */
  truncate(): Promise<void>;
}

/** The read store's limit per writeBatch; a bigger batch is written in several, in order (each one guarded, so a retry is safe). */
const WRITES_PER_BATCH = 5000;

/**
 * The one runner of projections: a JourneyEventHandler, so the Kafka consumer
 * runtime and the in-process bus feed it alike. Per batch it decodes each
 * event once (safe data at the current version, subject from the stream
 * category), lets every projection say which documents change, and writes
 * all of them with ONE writeBatch (one SQLite transaction; one bulk write per
 * collection on MongoDB). Idempotent under at-least-once delivery: every write
 * carries its source stream and revision, and the store skips what it
 * applied before. It resolves only once the write returned, so offsets and
 * checkpoints move after the read models did.
 */
export function createProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  const { readStore, projections } = options;
  const catalogue = options.catalogue ?? eventCatalogue;
  const categories = options.categories ?? streamCategories;
  checkOwnership(projections);
  const unknownTypes = new Set<string>();

  const decode = (envelopes: readonly JourneyEnvelope[]): ProjectedEvent[] => {
    const events: ProjectedEvent[] = [];
    for (const envelope of envelopes) {
      const event = toProjectedEvent(envelope, catalogue, categories);
      if (!event) continue;
      if (!event.definition && !unknownTypes.has(event.type)) {
        unknownTypes.add(event.type);
        options.logger?.warn({ type: event.type, runner: options.name }, 'projections: event type not in the catalogue; only projections of every event see it, without data (rebuild once the catalogue knows it)');
      }
      events.push(event);
    }
    return events;
  };

  const apply = async (envelopes: readonly JourneyEnvelope[]): Promise<BatchOutcome> => {
    const events = decode(envelopes);
    if (events.length === 0) return { writes: 0, applied: 0 };
    // The projections only read here, so they may read at once; their writes keep the declared order.
    const reader = options.rebuildReader ?? readStore;
    const perProjection = await Promise.all(
      projections.map((p) => {
        const handled = events.filter(p.handles);
        if (handled.length === 0) return p.writesOf(handled, reader);
        return inProjectionSpan(`apply ${p.name}`, { 'ejp.projection': p.name, 'ejp.runner': options.name, 'ejp.event_count': handled.length }, () => p.writesOf(handled, reader));
      }),
    );
    const writes: DocumentWrite[] = perProjection.flat();
    let applied = 0;
    for (let i = 0; i < writes.length; i += WRITES_PER_BATCH) {
      const chunk = writes.slice(i, i + WRITES_PER_BATCH);
      const write = () => readStore.writeBatch(chunk);
      const outcome = await inProjectionSpan('write read models', { 'ejp.runner': options.name, 'ejp.write_count': chunk.length }, write).catch((error: unknown) => {
        options.rebuildReader?.remember(chunk);
        throw error;
      });
      options.rebuildReader?.remember(chunk, outcome);
      applied += outcome.filter(Boolean).length;
    }
    return { writes: writes.length, applied };
  };

  return {
    name: options.name,
    projections,
    apply,
    async handle(envelopes) {
      await apply(envelopes);
    },
    async init() {
      for (const projection of projections) await projection.init(readStore);
      const stale = await staleProjections(readStore, projections);
      if (stale.length > 0) throw new StaleProjectionsError(stale);
    },
    async truncate() {
      for (const projection of projections) await projection.truncate(readStore);
    },
  };
}

/** Two projections writing one collection would empty each other's documents on a rebuild. */
function checkOwnership(projections: readonly Projection[]): void {
  const owners = new Map<string, string>();
  const names = new Set<string>();
  for (const projection of projections) {
    if (names.has(projection.name)) throw new Error(`two projections are named ${projection.name}`);
    names.add(projection.name);
    for (const { collection } of projection.collections) {
      const owner = owners.get(collection);
      if (owner !== undefined) throw new Error(`projections ${owner} and ${projection.name} both own the collection ${collection}`);
      owners.set(collection, projection.name);
    }
  }
}
