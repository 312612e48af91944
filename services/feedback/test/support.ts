import { randomBytes } from 'node:crypto';
import { readStoreAccessDirectory } from '@ejp/access';
import { reportingLinesProjection } from '@ejp/access/projection';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Segment } from '@ejp/contracts';
import { type EventStore, InMemoryCheckpointStore, type KeyStore, openKeyStore, openShreddingEventStore, type ShreddingEventStoreSettings, type Subscription } from '@ejp/eventstore';
import { InProcessBus } from '@ejp/messaging';
import { createProjectionRunner } from '@ejp/projection-kit';
import { surveyResultsProjection, timelineProjection } from '@ejp/projector';
import { openSqliteReadStore, type ReadStore } from '@ejp/readstore';
import { baseConfigSchema, createServiceApp, type Logger, loadConfig, type ServiceApp, signDevToken } from '@ejp/service-kit';
import { SURVEY_SECRETS } from '../src/main.ts';
import { registerFeedbackReadRoutes } from '../src/read-routes.ts';
import { registerFeedbackRoutes } from '../src/routes.ts';
import { registerOneToOneRoutes } from '../src/one-to-ones.ts';
import { registerSuggestionRoutes } from '../src/suggestions.ts';
import { startSurveyCompletion } from '../src/survey-round.ts';

export const SECRET = 'feedback-tests-secret-of-32-characters-or-more';
type Response = Awaited<ReturnType<ServiceApp['inject']>>;

export interface FeedbackTestApp {
  app: ServiceApp;
  raw: EventStore;
  store: EventStore;
  secrets: KeyStore;
  readStore: ReadStore;
  suggestions: ReturnType<typeof registerSuggestionRoutes>;
  /** The SQLite files (event store and read store); on PostgreSQL the event store's is unused. */
  files: { events: string; read: string };
  clock: { now: Date };
  as(roles: string | string[], subject?: string, extra?: Record<string, string>): Promise<Record<string, string>>;
  post(url: string, roles: string | string[], payload?: object, subject?: string, extra?: Record<string, string>): Promise<Response>;
  /** Polls `check` until it holds (the projection and the completion run asynchronously). */
  waitFor(what: string, check: () => Promise<boolean>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The feedback routes as standalone hosts them: one crypto-shredding store,
 * the survey secrets in their own key-store table, the survey-results
 * projection fed by the in-process bus into a SQLite read store, and the
 * completion subscription.
 */
export async function startFeedbackApp(options: { stores?: ShreddingEventStoreSettings; logger?: Logger } = {}): Promise<FeedbackTestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'ejp-feedback-'));
  const files = { events: join(dir, 'events.db'), read: join(dir, 'read.db') };
  const opened: (() => Promise<void> | void)[] = [];
  const resources = { add: (_name: string, close: () => Promise<void> | void) => void opened.push(close) };
  const stores = options.stores ?? { EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: files.events };
  // A PostgreSQL key store holds data keys only wrapped by a master key: one per test store.
  const settings = stores.EVENTSTORE_BACKEND === 'postgres' && !stores.KEYSTORE_MASTER_KEY ? { ...stores, KEYSTORE_MASTER_KEY: randomBytes(32).toString('base64') } : stores;
  const { raw, store } = await openShreddingEventStore(settings, resources);
  const secrets = await openKeyStore(settings, resources, { table: SURVEY_SECRETS });
  const readStore = await openSqliteReadStore({ path: files.read });
  opened.push(() => readStore.close());
  const runner = createProjectionRunner({ name: 'feedback-test', readStore, projections: [surveyResultsProjection(), timelineProjection(), reportingLinesProjection()] });
  await runner.init();
  const bus = new InProcessBus({ store: raw, checkpoints: new InMemoryCheckpointStore(), handlers: [runner], checkpointIntervalMs: 10 });
  bus.start();
  opened.push(() => bus.stop());
  const config = loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' });
  // One-to-ones reach the employee and their line manager: the reporting lines projected above.
  const app = await createServiceApp({ name: 'feedback-test', config, accessDirectory: readStoreAccessDirectory(readStore), ...(options.logger ? { logger: options.logger } : {}) });
  const clock = { now: new Date('2025-03-03T09:00:00Z') };
  registerFeedbackRoutes(app, { store, secrets, clock: () => clock.now });
  registerFeedbackReadRoutes(app, { readStore, events: store, secrets });
  const suggestions = registerSuggestionRoutes(app, { store, secrets, clock: () => clock.now });
  registerOneToOneRoutes(app, { store, clock: () => clock.now });
  await app.ready();
  const completion: Subscription = startSurveyCompletion({ store, secrets, logger: app.log as unknown as Logger });
  opened.push(() => completion.stop());
  const as = async (roles: string | string[], subject?: string, extra: Record<string, string> = {}) => {
    const list = Array.isArray(roles) ? roles : [roles];
    return { authorization: `Bearer ${await signDevToken({ secret: SECRET, subject: subject ?? `${list[0]}-1`, roles: list })}`, ...extra };
  };
  return {
    app,
    raw,
    store,
    secrets,
    readStore,
    suggestions,
    files,
    clock,
    as,
    post: async (url, roles, payload, subject, extra) => app.inject({ method: 'POST', url, headers: await as(roles, subject, extra), ...(payload ? { payload } : {}) }),
    async waitFor(what, check) {
      const deadline = Date.now() + 10_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await app.close();
      for (const close of opened.reverse()) await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ── a survey round ────────────────────────────────────────────────────────────

export const questions = [{ bankId: 'work_challenge' }, { bankId: 'management_communication' }, { bankId: 'enps' }, { bankId: 'comment' }];
export const scaleQuestionIds = ['work_challenge', 'management_communication', 'enps'];

export interface Person extends Omit<Segment, 'tenureBand'> {
  employeeId: string;
  hiredOn: string;
}

export function people(count: number, overrides: (i: number) => Partial<Person> = () => ({})): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    employeeId: randomUUID(),
    department: 'engineering',
    level: 'senior',
    location: 'oslo',
    hiredOn: '2023-01-10',
    stage: 'in-role',
    ...overrides(i),
  }));
}

export async function createAndLaunch(t: FeedbackTestApp, roster: Person[], body: object = {}): Promise<string> {
  const surveyId = randomUUID();
  const created = await t.post('/surveys', 'hr', { surveyId, title: 'March pulse', kind: 'pulse', audience: { kind: 'everyone' }, questions, ...body });
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const launched = await t.post(`/surveys/${surveyId}/launch`, 'hr', { roster });
  if (launched.statusCode !== 200) throw new Error(`launch: ${launched.statusCode} ${launched.body}`);
  return surveyId;
}

export const answersOf = (score: number, comment?: string) => [
  { questionId: 'work_challenge', value: score },
  { questionId: 'management_communication', value: Math.max(1, score - 1) },
  { questionId: 'enps', value: Math.min(10, score * 2) },
  ...(comment ? [{ questionId: 'comment', text: comment }] : []),
];

export const respond = (t: FeedbackTestApp, surveyId: string, employeeId: string, answers: object[], extra: Record<string, string> = {}) =>
  t.post(`/surveys/${surveyId}/responses`, 'employee', { answers }, employeeId, extra);
