import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type EventStore, openPostgresEventStore, openSqliteEventStore } from '@ejp/eventstore';
import { openMongoReadStore, openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import { ConfigError, loadConfig } from '@ejp/service-kit';
import { z } from 'zod';
import { readStoreConfigShape } from './config.ts';
import { formatProgress, rebuildTimeline } from './rebuild.ts';

/**
 * `node services/projector/src/rebuild.ts`: the rebuild as a one-off process.
 * Not a service, so none of the kit's HTTP/auth variables apply.
 */
export const rebuildConfigSchema = z
  .object({
    EVENTSTORE_BACKEND: z.enum(['sqlite', 'postgres']).default('sqlite').describe('Event store to replay: `sqlite` (embedded file) or `postgres`.'),
    EVENTSTORE_URL: z.string().min(1).default('data/events.db').describe('A file path for sqlite, `postgres://...` for postgres.'),
    EVENTSTORE_SCHEMA: z.string().min(1).default('eventstore').describe('PostgreSQL schema of the event store tables.'),
    READSTORE_BACKEND: z.enum(['sqlite', 'mongodb']).default('sqlite').describe('Read-model store to rebuild: `sqlite` (embedded file) or `mongodb`.'),
    READSTORE_PATH: z.string().min(1).default('data/read-models.db').describe('SQLite file of the read models (READSTORE_BACKEND=sqlite).'),
    ...readStoreConfigShape,
    MONGO_URL: readStoreConfigShape.MONGO_URL.optional().describe('MongoDB (or FerretDB) of the read models; required when READSTORE_BACKEND=mongodb.'),
    REBUILD_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(500).describe('Events per read from the event store.'),
  })
  .superRefine((config, ctx) => {
    if (config.READSTORE_BACKEND === 'mongodb' && !config.MONGO_URL) {
      ctx.addIssue({ code: 'custom', path: ['MONGO_URL'], message: 'is required when READSTORE_BACKEND=mongodb' });
    }
  });

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

async function openEventStore(config: RebuildConfig): Promise<EventStore> {
  if (config.EVENTSTORE_BACKEND === 'postgres') {
    return openPostgresEventStore({ connectionString: config.EVENTSTORE_URL, schema: config.EVENTSTORE_SCHEMA });
  }
  return openSqliteEventStore({ path: config.EVENTSTORE_URL });
}

async function openReadStore(config: RebuildConfig): Promise<ReadStore> {
  if (config.READSTORE_BACKEND === 'mongodb') {
    return openMongoReadStore({ url: config.MONGO_URL!, database: config.MONGO_DATABASE, collectionPrefix: config.READSTORE_PREFIX });
  }
  if (config.READSTORE_PATH !== ':memory:') mkdirSync(dirname(config.READSTORE_PATH), { recursive: true });
  return openSqliteReadStore({ path: config.READSTORE_PATH, tablePrefix: config.READSTORE_PREFIX });
}
