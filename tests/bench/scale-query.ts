import { readStoreAccessDirectory } from '@ejp/access';
import type { ReadStore } from '@ejp/readstore';
import { registerJourneyApiRoutes } from '@ejp/journey-api';
import { baseConfigSchema, createLogger, createServiceApp, loadConfig, type ServiceApp, signDevToken } from '@ejp/service-kit';

// Timeline queries against read models of different sizes, taken in turns
// (one query on each store, then the next round) so that whatever else the
// machine is doing meanwhile lands on every size alike, rather than on
// whichever size happened to be measured during a noisy minute.

const SECRET = 'bench-timeline-scale-secret-32-characters';

export interface ScaleTarget {
  app: ServiceApp;
  employees: readonly string[];
}

/** The journey API's routes on an in-process app, as its main.ts builds them (hs256 auth, warn-level logs). */
export async function journeyApiOn(readStore: ReadStore): Promise<ServiceApp> {
  const config = loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000' });
  const app = await createServiceApp({ name: 'journey-api', config, logger: createLogger({ name: 'journey-api', level: 'warn' }), accessDirectory: readStoreAccessDirectory(readStore) });
  registerJourneyApiRoutes(app, { readStore, readWaitTimeoutMs: 0 });
  await app.ready();
  return app;
}

/**
 * `GET /employees/{id}/timeline` (default page) for a random employee of each
 * target in turn, through app.inject (no network: the store's share is not
 * diluted); `warmup` untimed rounds first. The durations per target (ms).
 */
export async function timelineQueriesInTurns(targets: readonly ScaleTarget[], rounds: number, warmup: number): Promise<number[][]> {
  const authorization = `Bearer ${await signDevToken({ secret: SECRET, roles: ['hr'] })}`;
  const samples = targets.map(() => [] as number[]);
  for (let round = -warmup; round < rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const id = target.employees[Math.floor(Math.random() * target.employees.length)]!;
      const start = performance.now();
      const response = await target.app.inject({ method: 'GET', url: `/employees/${id}/timeline`, headers: { authorization } });
      const took = performance.now() - start;
      if (response.statusCode !== 200 || response.json().items.length !== 10) throw new Error(`timeline of ${id}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      if (round >= 0) samples[i]!.push(took);
    }
  }
  return samples;
}
