import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anonymousCausation } from '@ejp/command-kit';
import { bankQuestion, newEvent, SurveyClosed, SurveyCreated, SurveyLaunched, SurveyResponseSubmitted, SurveyStreams, surveyResponseStream } from '@ejp/contracts';
import { openKeyStore, openSqliteEventStore } from '@ejp/eventstore';
import { registerFeedbackReadRoutes, SURVEY_SECRETS } from '@ejp/feedback';
import { rebuildProjections } from '@ejp/projection-kit';
import { surveyResultsProjection } from '@ejp/projector';
import { openSqliteReadStore } from '@ejp/readstore';
import { baseConfigSchema, createServiceApp, loadConfig, signDevToken } from '@ejp/service-kit';
import { benchAnswers, benchQuestions, benchRoster } from './roster.ts';

const SECRET = 'survey-bench-secret-of-32-characters-or-more';
const hr = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'bench', causationId: 'bench' };

/**
 * A closed survey of `responses` respondents, its aggregates built by the
 * survey-results projection (a rebuild from the event store), then
 * `queries` GET /surveys/{id}/results: their latency percentiles.
 */
export async function resultsAtSize(options: { responses: number; queries: number }): Promise<{ buildMs: number; p50: number; p99: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'ejp-survey-bench-'));
  const events = await openSqliteEventStore({ path: join(dir, 'events.db') });
  const readStore = await openSqliteReadStore({ path: join(dir, 'read.db') });
  const secrets = await openKeyStore({ EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: join(dir, 'events.db') }, undefined, { table: SURVEY_SECRETS });
  try {
    const surveyId = randomUUID();
    const roster = benchRoster(options.responses);
    const audience = roster.map((p) => ({ token: randomBytes(32).toString('hex'), segment: { department: p.department, level: p.level, location: p.location, tenureBand: p.tenureBand, stage: p.stage } }));
    const questions = benchQuestions.map((q) => bankQuestion(q.bankId)!);
    const stream = SurveyStreams.streamOf(surveyId);
    await events.appendToStream(stream, [
      newEvent(SurveyCreated, { surveyId, title: 'Bench', kind: 'pulse', anonymity: 'anonymous', questions, audience: { kind: 'everyone' }, minGroupSize: 5 }, hr),
      newEvent(SurveyLaunched, { launchedOn: '2025-03-03', invited: roster.map((p) => p.employeeId).sort(), audience: [...audience].sort((a, b) => (a.token < b.token ? -1 : 1)) }, hr),
    ]);
    const started = performance.now();
    for (const [i, entry] of audience.entries()) {
      const event = newEvent(SurveyResponseSubmitted, { surveyId, submittedOn: '2025-03-04', segment: entry.segment, answers: benchAnswers(i) }, { ...anonymousCausation(), occurredAt: new Date('2025-03-04T00:00:00Z') });
      await events.appendToStream(surveyResponseStream(surveyId, entry.token), [event], { expectedRevision: 'no-stream' });
    }
    await events.appendToStream(stream, [newEvent(SurveyClosed, { closedOn: '2025-03-14' }, hr)]);
    await rebuildProjections({ events, readStore, projections: [surveyResultsProjection()] });
    const buildMs = performance.now() - started;

    const app = await createServiceApp({ name: 'survey-bench', config: loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' }) });
    registerFeedbackReadRoutes(app, { readStore, events, secrets });
    await app.ready();
    const headers = { authorization: `Bearer ${await signDevToken({ secret: SECRET, subject: 'hr-1', roles: ['hr'] })}` };
    const url = `/surveys/${surveyId}/results`;
    const first = await app.inject({ method: 'GET', url, headers });
    if (first.json().overall?.respondents !== options.responses) throw new Error(`results: ${first.body.slice(0, 300)}`);
    for (let i = 0; i < 20; i++) await app.inject({ method: 'GET', url, headers });
    const latencies: number[] = [];
    for (let i = 0; i < options.queries; i++) {
      const at = performance.now();
      await app.inject({ method: 'GET', url, headers });
      latencies.push(performance.now() - at);
    }
    await app.close();
    latencies.sort((a, b) => a - b);
    return { buildMs, p50: latencies[Math.floor(latencies.length / 2)]!, p99: latencies[Math.floor(latencies.length * 0.99)]! };
  } finally {
    await secrets.close();
    await readStore.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  }
}
