import { randomBytes, randomUUID } from 'node:crypto';
import { anonymousCausation } from '@ejp/command-kit';
import { newEvent, SurveyResponseSubmitted, surveyResponseStream } from '@ejp/contracts';
import { openKeyStore, openShreddingEventStore } from '@ejp/eventstore';
import { registerFeedbackRoutes, SURVEY_SECRETS } from '@ejp/feedback';
import { baseConfigSchema, createServiceApp, loadConfig, signDevToken } from '@ejp/service-kit';
import { benchAnswers, benchQuestions, benchRoster } from './roster.ts';

const SECRET = 'survey-bench-secret-of-32-characters-or-more';

/** Runs `count` jobs on `clients` concurrent workers; the elapsed seconds. */
async function concurrently(count: number, clients: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < count; i = next++) await job(i);
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * One round: a survey launched to `responses` employees who all answer at
 * once through the routes (16 clients), then the same number of the same
 * events appended bare (16 writers, each to its own new stream, 'no-stream').
 */
export async function launchBurst(options: { url: string; responses: number; clients: number }): Promise<{ service: number; bare: number }> {
  const closing: (() => Promise<void> | void)[] = [];
  const resources = { add: (_: string, close: () => Promise<void> | void) => void closing.push(close) };
  try {
    const settings = { EVENTSTORE_BACKEND: 'postgres' as const, EVENTSTORE_URL: options.url, KEYSTORE_MASTER_KEY: randomBytes(32).toString('base64') };
    const { raw, store } = await openShreddingEventStore(settings, resources);
    const secrets = await openKeyStore(settings, resources, { table: SURVEY_SECRETS });
    const app = await createServiceApp({ name: 'survey-bench', config: loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' }) });
    closing.push(() => app.close());
    registerFeedbackRoutes(app, { store, secrets });
    await app.ready();
    const hr = { authorization: `Bearer ${await signDevToken({ secret: SECRET, subject: 'hr-1', roles: ['hr'] })}` };
    const roster = benchRoster(options.responses).map(({ tenureBand: _, ...entry }) => entry);
    const surveyId = randomUUID();
    await app.inject({ method: 'POST', url: '/surveys', headers: hr, payload: { surveyId, title: 'Bench', kind: 'pulse', audience: { kind: 'everyone' }, questions: benchQuestions } });
    const launched = await app.inject({ method: 'POST', url: `/surveys/${surveyId}/launch`, headers: hr, payload: { roster } });
    if (launched.statusCode !== 200) throw new Error(`launch: ${launched.body}`);
    const tokens = await Promise.all(roster.map(async (p) => `Bearer ${await signDevToken({ secret: SECRET, subject: p.employeeId, roles: ['employee'] })}`));
    // Warm-up: the survey state cache, the JIT, the pool.
    for (let i = 0; i < 20; i++) await app.inject({ method: 'POST', url: `/surveys/${surveyId}/responses`, headers: { authorization: tokens[i]! }, payload: { answers: benchAnswers(i) } });

    const count = options.responses - 20;
    const serviceSeconds = await concurrently(count, options.clients, async (i) => {
      const response = await app.inject({ method: 'POST', url: `/surveys/${surveyId}/responses`, headers: { authorization: tokens[i + 20]! }, payload: { answers: benchAnswers(i) } });
      if (response.statusCode !== 201) throw new Error(`response ${i}: ${response.statusCode} ${response.body}`);
    });

    const segment = { department: 'engineering', level: 'senior', location: 'oslo', tenureBand: '1-3y', stage: 'in-role' } as const;
    const bareSurvey = randomUUID();
    const events = Array.from({ length: count }, (_, i) =>
      newEvent(SurveyResponseSubmitted, { surveyId: bareSurvey, submittedOn: '2025-03-04', segment, answers: benchAnswers(i) }, { ...anonymousCausation(), occurredAt: new Date('2025-03-04T00:00:00Z') }),
    );
    const streams = events.map(() => surveyResponseStream(bareSurvey, randomBytes(32).toString('hex')));
    const bareSeconds = await concurrently(count, options.clients, async (i) => {
      await raw.appendToStream(streams[i]!, [events[i]!], { expectedRevision: 'no-stream' });
    });
    return { service: count / serviceSeconds, bare: count / bareSeconds };
  } finally {
    for (const close of closing.reverse()) await close();
  }
}
