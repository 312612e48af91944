import { checkEventStoreConfig, eventStoreConfigShape, openEventStore } from '@ejp/eventstore';
import { progressPrinter, rebuildProjections } from '@ejp/projection-kit';
import { checkReadStoreConfig, openReadStore, readStoreConfigShape } from '@ejp/readstore';
import { baseConfigSchema, ConfigError, loadConfig, startTelemetry } from '@ejp/service-kit';
import { z } from 'zod';
import { journeyProjections } from './projector.ts';

const projectionNames = journeyProjections().map((p) => p.name);

/**
 * `node services/projector/src/rebuild.ts`: the rebuild as a one-off process.
 * Not a service, so none of the kit's HTTP/auth variables apply. The store
 * variables are the services' own: the defaults (`data/events.db` into
 * `data/read-models.db`) are standalone's files under DATA_DIR=data.
 */
export const rebuildConfigSchema = z
  .object({
    ...eventStoreConfigShape,
    ...readStoreConfigShape,
    // Pushed, not scraped: a one-off job is gone before a scrape would come.
    OTEL_EXPORTER_OTLP_ENDPOINT: baseConfigSchema.shape.OTEL_EXPORTER_OTLP_ENDPOINT,
    OTEL_SERVICE_NAME: baseConfigSchema.shape.OTEL_SERVICE_NAME,
    REBUILD_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(500).describe('Events per read from the event store.'),
    REBUILD_PROJECTIONS: z
      .string()
      .default(projectionNames.join(','))
      .transform((list) => list.split(',').map((name) => name.trim()))
      .pipe(z.array(z.enum(projectionNames)).min(1))
      .describe(`Comma-separated projections to rebuild (${projectionNames.join(', ')}); the others are left as they are.`),
  })
  .superRefine(
    (config, ctx) => {
      checkEventStoreConfig(config, ctx);
      checkReadStoreConfig(config, ctx);
    },
    { when: () => true },
  );

export type RebuildConfig = z.output<typeof rebuildConfigSchema>;

/** Runs the rebuild from environment variables; returns the exit code (3 when events had to be skipped). */
export async function runRebuildCommand(
  env: Record<string, string | undefined>,
  out: { write(text: string): unknown; isTTY?: boolean } = process.stdout,
): Promise<number> {
  const print = (line: string) => out.write(`${line}\n`);
  let config: RebuildConfig;
  try {
    config = loadConfig(rebuildConfigSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  // Rebuild progress (ejp.projection.rebuild.*) and the store's spans go to the collector when one is set.
  const telemetry = startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: config.OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME: config.OTEL_SERVICE_NAME }, { serviceName: 'projector-rebuild' });
  try {
    return await rebuild(config, print, out);
  } finally {
    await telemetry.shutdown();
  }
}

async function rebuild(config: RebuildConfig, print: (line: string) => void, out: { write(text: string): unknown; isTTY?: boolean }): Promise<number> {
  const events = await openEventStore(config);
  try {
    const readStore = await openReadStore(config);
    try {
      const projections = journeyProjections().filter((p) => config.REBUILD_PROJECTIONS.includes(p.name));
      print(`rebuild: replaying the published streams from ${config.EVENTSTORE_BACKEND} into ${projections.map((p) => p.name).join(', ')} (${config.READSTORE_BACKEND})`);
      const result = await rebuildProjections({ events, readStore, projections, pageSize: config.REBUILD_PAGE_SIZE, onProgress: progressPrinter(out) });
      for (const s of result.skipped) print(`rebuild: skipped event ${s.eventId} at position ${s.position}: ${s.error}`);
      return result.skipped.length > 0 ? 3 : 0;
    } finally {
      await readStore.close();
    }
  } finally {
    await events.close();
  }
}
