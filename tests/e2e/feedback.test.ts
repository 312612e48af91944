import { randomUUID } from 'node:crypto';
import { appendMetadata, EmployeeHired, journeyStream, newEvent, SuggestionStreams, SuggestionSubmitted } from '@ejp/contracts';
import { openPostgresEventStore, openShreddingEventStore } from '@ejp/eventstore';
import { onboardingSurveyIdOf } from '@ejp/feedback';
import { signDevToken } from '@ejp/service-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { expectStatus, httpClient } from './support/http.ts';
import { createE2eInfra, infraAvailable, mongoUrl } from './support/infra.ts';
import { killLeftovers, startService } from './support/service-process.ts';
import { TEST_MASTER_KEY } from './support/distributed.ts';

// The feedback service in the distributed shape: its own process on PostgreSQL, the relay to Kafka, the
// projector keeping the survey aggregates in the MongoDB-wire read store the service reads its results from.
const infra = infraAvailable ? await createE2eInfra('e2e_feedback') : undefined;
const SECRET = 'e2e-feedback-secret-of-at-least-32-chars';
afterEach(() => killLeftovers());

const token = (subject: string, roles: string[]) => signDevToken({ secret: SECRET, subject, roles });
const person = (department: string) => ({ employeeId: randomUUID(), department, level: 'senior', location: 'lisbon', hiredOn: '2022-05-02', stage: 'in-role' });
const answers = (score: number) => [
  { questionId: 'work_challenge', value: score },
  { questionId: 'enps', value: score * 2 },
];

describe.runIf(infraAvailable)('feedback on real servers', () => {
  it('runs a survey round to results with suppression, answers a suggestion and escalates an overdue one', async () => {
    const { brokers, topic, mongoDatabase, databaseUrl } = infra!;
    const auth = { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET };
    const eventStore = { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: databaseUrl, KEYSTORE_MASTER_KEY: TEST_MASTER_KEY };
    const readStore = { READSTORE_BACKEND: 'mongodb', READSTORE_URL: mongoUrl(), READSTORE_DATABASE: mongoDatabase };
    // The survey calendar consumes the topic too, checking every second.
    const calendar = { KAFKA_BROKERS: brokers, SURVEY_CALENDAR_TOPIC: topic, SURVEY_CALENDAR_GROUP_ID: `${topic}-calendar`, SURVEY_CALENDAR_CHECK_INTERVAL_MS: '1000' };
    const feedback = await startService('feedback', { ...auth, ...eventStore, ...readStore, ...calendar });
    const [, projector] = await Promise.all([
      startService('relay', { ...auth, ...eventStore, KAFKA_BROKERS: brokers, RELAY_TOPIC: topic, RELAY_TOPIC_PARTITIONS: '3', RELAY_TOPIC_REPLICATION_FACTOR: '1' }),
      startService('projector', { ...auth, ...readStore, KAFKA_BROKERS: brokers, PROJECTOR_TOPIC: topic, PROJECTOR_GROUP_ID: `${topic}-projector` }),
    ]);
    const hr = httpClient(feedback.url, await token('hr-1', ['hr']));

    // Engineering 8, sales 4, legal 2: sales and legal fall below 5 (6 together, so nothing more is hidden).
    const roster = [...Array.from({ length: 8 }, () => person('engineering')), ...Array.from({ length: 4 }, () => person('sales')), ...Array.from({ length: 2 }, () => person('legal'))];
    const surveyId = randomUUID();
    expectStatus(await hr.post('/surveys', { surveyId, title: 'Pulse', kind: 'pulse', audience: { kind: 'everyone' }, questions: [{ bankId: 'work_challenge' }, { bankId: 'enps' }] }), 201, 'create');
    expectStatus(await hr.post(`/surveys/${surveyId}/launch`, { roster }), 200, 'launch');
    for (const [i, p] of roster.entries()) {
      const employee = httpClient(feedback.url, await token(p.employeeId, ['employee']));
      expectStatus(await employee.post(`/surveys/${surveyId}/responses`, { answers: answers(1 + (i % 5)) }), 201, `response ${i}`);
    }
    expectStatus(await hr.post(`/surveys/${surveyId}/close`), 200, 'close');

    let results = await hr.get(`/surveys/${surveyId}/results`);
    const deadline = Date.now() + 60_000;
    while (results.body?.overall?.respondents !== 14 || results.body?.status !== 'closed') {
      if (Date.now() > deadline) throw new Error(`results did not arrive: ${JSON.stringify(results.body?.overall)}\n${projector.output().slice(-2_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      results = await hr.get(`/surveys/${surveyId}/results`);
    }
    const department = (value: string) => results.body.segments.find((s: { attribute: string; value: string }) => s.attribute === 'department' && s.value === value).result;
    expect(department('engineering')).toMatchObject({ suppressed: false, respondents: 8 });
    expect(department('sales')).toEqual({ suppressed: true, reason: 'below-minimum' });
    expect(department('legal')).toEqual({ suppressed: true, reason: 'below-minimum' });

    // A suggestion answered now; one submitted ten days ago (imported straight into the store) is overdue.
    const ada = httpClient(feedback.url, await token(randomUUID(), ['employee']));
    const { suggestionId } = expectStatus(await ada.post('/suggestions', { suggestionId: randomUUID(), category: 'tools', text: 'Second monitors' }), 201, 'suggest');
    expectStatus(await hr.post(`/suggestions/${suggestionId}/answers`, { answer: 'planned', text: 'Next quarter' }), 200, 'answer');
    const old = randomUUID();
    const store = await openPostgresEventStore({ connectionString: databaseUrl });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await store.appendToStream(SuggestionStreams.streamOf(old), [
      { ...newEvent(SuggestionSubmitted, { suggestionId: old, category: 'process', text: 'Fewer meetings', submittedOn: day(-10), answerDueBy: day(-3), submittedBy: 'bob' }, { actor: { id: 'bob', kind: 'employee' }, correlationId: 'import', causationId: 'import' }), metadata: appendMetadata(1, { actor: { id: 'bob', kind: 'employee' }, correlationId: 'import', causationId: 'import' }) },
    ]);
    await store.close();
    expect(expectStatus(await hr.get('/suggestions/overdue'), 200, 'overdue').items.map((s: { suggestionId: string }) => s.suggestionId)).toEqual([old]);
    expect(expectStatus(await hr.post('/suggestions/escalations'), 200, 'escalate').escalated).toEqual([old]);
    expect(expectStatus(await hr.get('/suggestions/overdue'), 200, 'overdue').items[0]).toMatchObject({ suggestionId: old, escalated: true });
    expect(expectStatus(await hr.get('/suggestions/response-times'), 200, 'times').categories.find((c: { category: string }) => c.category === 'tools')).toMatchObject({ answered: 1, medianDays: 0 });

    // The survey calendar, through Kafka: a hire whose day 30 is today gets the onboarding survey, a survey
    // scheduled to open today opens, both by themselves.
    const closing: (() => Promise<void> | void)[] = [];
    const { store: journeys } = await openShreddingEventStore({ ...eventStore, EVENTSTORE_BACKEND: 'postgres' as const }, { add: (_: string, close: () => Promise<void> | void) => void closing.push(close) });
    const hire = randomUUID();
    const hired = { employeeId: hire, email: 'new@example.com', givenName: 'Nia', familyName: 'Ode', department: 'engineering', role: 'developer', level: 'junior', managerId: null, location: 'lisbon', startDate: day(-30) };
    await journeys.appendToStream(journeyStream(hire), [newEvent(EmployeeHired, hired, { actor: { id: 'hr-1', kind: 'hr' }, correlationId: 'import', causationId: 'import' })], { expectedRevision: 'no-stream' });
    for (const close of closing.reverse()) await close();
    const pulse = randomUUID();
    expectStatus(await hr.post('/surveys', { surveyId: pulse, title: 'Scheduled pulse', kind: 'pulse', audience: { kind: 'everyone' }, questions: [{ bankId: 'enps' }] }), 201, 'create scheduled');
    expectStatus(await hr.post(`/surveys/${pulse}/schedule`, { opensOn: day(0), closesOn: day(7) }), 200, 'schedule');
    const onboarding = onboardingSurveyIdOf(hire, 1, 30);
    const opened = Date.now() + 60_000;
    for (;;) {
      const [a, b] = await Promise.all([hr.get(`/surveys/${onboarding}`), hr.get(`/surveys/${pulse}`)]);
      if (a.body?.status === 'open' && b.body?.status === 'open') {
        expect(a.body).toMatchObject({ kind: 'onboarding', anonymity: 'confidential', invited: 1 });
        expect(b.body).toMatchObject({ kind: 'pulse', invited: 1 });
        break;
      }
      if (Date.now() > opened) throw new Error(`the calendar did not launch: ${a.status} ${JSON.stringify(a.body)} ${JSON.stringify(b.body)}\n${feedback.output().slice(-2_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 180_000);
});
