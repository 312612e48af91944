import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '@ejp/service-kit';
import { startDistributed } from '../e2e/support/distributed.ts';
import { httpClient } from '../e2e/support/http.ts';
import { startService } from '../e2e/support/service-process.ts';
import { kafkaRoundTrip, mongoUpsert, pgAdapterAppend, pgInsert, sqliteHops } from './bare-hops.ts';
import { startKafkaTap } from './kafka-tap.ts';
import { benchName, freshDatabase, freshMongoDatabase, freshTopic, onCleanup } from './infra.ts';
import { type LoadOptions, type LoadTarget, runSteadyLoad } from './steady-load.ts';
import { type Summary, summarize } from './stats.ts';

const SECRET = 'bench-e2e-secret-of-at-least-32-characters';
/** The distributed journey API reads the waited-for statuses every pollMs (one read per journey for all its waiters). */
const readWait = (pollMs: number) => ({ READ_WAIT_POLL_MS: String(pollMs), READ_WAIT_TIMEOUT_MS: '30000' });

export interface Servers {
  databaseUrl: string;
  kafkaBrokers: string;
  mongoUrl: string;
}

export interface Hops {
  sqliteAppend: Summary;
  sqliteInsert: Summary;
  pgInsert?: Summary;
  pgAppend?: Summary;
  kafka?: Summary;
  mongo?: Summary;
}

export interface LoadSummary {
  /** Commands per second asked for. */
  rate: number;
  /** The poll interval of the journey API's minRevision wait in this run (ms; 0: woken by the projector, standalone). */
  pollMs: number;
  answered: Summary;
  onKafka?: Summary;
  projected: Summary;
  /** Command sent -> visible in the timeline: the headline figure. */
  visible: Summary;
  timelineRead: Summary;
  journeyRead: Summary;
  achievedRate: number;
  errors: string[];
  exitCodes: Record<string, number | null>;
}

export async function bareHopsSection(servers: Servers | undefined, samples: number): Promise<Hops> {
  const sqlite = await sqliteHops(samples);
  const hops: Hops = { sqliteAppend: summarize(sqlite.append), sqliteInsert: summarize(sqlite.insert) };
  if (!servers) return hops;
  const database = await freshDatabase(servers.databaseUrl, 'bench_hops');
  hops.pgInsert = summarize(await pgInsert(database, samples));
  hops.pgAppend = summarize(await pgAdapterAppend(database, samples));
  hops.kafka = summarize(await kafkaRoundTrip(servers.kafkaBrokers, samples));
  hops.mongo = summarize(await mongoUpsert(servers.mongoUrl, freshMongoDatabase(servers.mongoUrl, 'bench_hops'), samples));
  return hops;
}

async function measure(target: LoadTarget, load: LoadOptions, pollMs: number, stop: () => Promise<Record<string, number | null>>): Promise<LoadSummary> {
  const result = await runSteadyLoad(target, load);
  const exitCodes = await stop();
  return {
    rate: load.rate,
    pollMs,
    answered: summarize(result.answered),
    projected: summarize(result.projected),
    visible: summarize(result.visible),
    ...(result.onKafka.length > 0 ? { onKafka: summarize(result.onKafka) } : {}),
    timelineRead: summarize(result.timelineRead),
    journeyRead: summarize(result.journeyRead),
    achievedRate: result.achievedRate,
    errors: result.errors,
    exitCodes,
  };
}

/** `node services/standalone/src/main.ts` on a fresh DATA_DIR on disk (where a small company would keep it). */
export async function runStandaloneSection(load: LoadOptions): Promise<LoadSummary> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ejp-bench-standalone-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  // One token sends the whole load: the benchmark measures the platform, not its per-caller rate limit.
  // No READ_WAIT_POLL_MS: standalone's projector wakes the minRevision waiters itself.
  const app = await startService('standalone', { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, DATA_DIR: dataDir, RATE_LIMIT_MAX: '1000000', READ_WAIT_TIMEOUT_MS: '30000' });
  const client = httpClient(app.url, await signDevToken({ secret: SECRET, roles: ['hr'] }));
  return measure({ commands: client, journeys: client }, load, 0, async () => ({ standalone: await app.stop() }));
}

/** The four services as processes on a fresh database, topic, consumer group and read-model database. */
export async function runDistributedSection(servers: Servers, load: LoadOptions, pollMs: number): Promise<LoadSummary> {
  const topic = await freshTopic(servers.kafkaBrokers, 'bench_e2e');
  const services = await startDistributed({
    databaseUrl: await freshDatabase(servers.databaseUrl, 'bench_e2e'),
    kafkaBrokers: servers.kafkaBrokers,
    topic,
    groupId: benchName('bench_projector'),
    mongoUrl: servers.mongoUrl,
    mongoDatabase: freshMongoDatabase(servers.mongoUrl, 'bench_e2e'),
    authSecret: SECRET,
    journeyApiEnv: readWait(pollMs),
  });
  const token = await signDevToken({ secret: SECRET, roles: ['hr'] });
  const tap = await startKafkaTap(servers.kafkaBrokers, topic);
  try {
    const target = { commands: httpClient(services.onboarding.url, token), journeys: httpClient(services.journeyApi.url, token), arrivedOnKafka: tap.arrivedAt };
    return await measure(target, load, pollMs, services.stopAll);
  } finally {
    await tap.stop();
  }
}
