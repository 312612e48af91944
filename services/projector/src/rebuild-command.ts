import { checkEventStoreConfig, eventStoreConfigShape, openEventStore } from '@ejp/eventstore';
import { checkReadStoreConfig, openReadStore, readStoreConfigShape } from '@ejp/readstore';
import { ConfigError, loadConfig } from '@ejp/service-kit';
import { z } from 'zod';
import { formatProgress, rebuildTimeline } from './rebuild.ts';

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
    REBUILD_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(500).describe('Events per read from the event store.'),
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
export async function runRebuildCommand(env: Record<string, string | undefined>, print: (line: string) => void = console.log): Promise<number> {
  let config: RebuildConfig;
  try {
    config = loadConfig(rebuildConfigSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  const events = await openEventStore(config);
  try {
    const readStore = await openReadStore(config);
    try {
      print(`rebuild: replaying journey-* streams from ${config.EVENTSTORE_BACKEND} into the ${config.READSTORE_BACKEND} read models`);
      const result = await rebuildTimeline({ events, readStore, pageSize: config.REBUILD_PAGE_SIZE, onProgress: (p) => print(formatProgress(p)) });
      for (const s of result.skipped) print(`rebuild: skipped event ${s.eventId} at position ${s.position}: ${s.error}`);
      return result.skipped.length > 0 ? 3 : 0;
    } finally {
      await readStore.close();
    }
  } finally {
    await events.close();
  }
}
