import { SurveyResponseStreams } from '@ejp/contracts';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { answersOf, createAndLaunch, type FeedbackTestApp, people, respond, startFeedbackApp } from './support.ts';

const postgres = await findServer('postgres');
const backends = [
  { name: 'SQLite', open: () => startFeedbackApp() },
  ...(postgres.available
    ? [{ name: 'PostgreSQL', open: async () => startFeedbackApp({ stores: { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: await createTestDatabase(urlOf(postgres), 'feedback') } }) }]
    : []),
];

const opened: FeedbackTestApp[] = [];
let t: FeedbackTestApp;
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

const responseStreamsOf = async (surveyId: string) =>
  (await t.raw.readAll({ filter: { streamPrefixes: [SurveyResponseStreams.streamOf(`${surveyId}.`)] } })).map((e) => e.streamName);

describe.each(backends)('responding on $name', ({ open }) => {
  it('keeps one response of N parallel submissions by one employee, and answers the others 409', async () => {
    t = await open();
    opened.push(t);
    const roster = people(6);
    const surveyId = await createAndLaunch(t, roster);
    const me = roster[0]!.employeeId;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => respond(t, surveyId, me, answersOf(1 + (i % 5)))));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, ...Array(11).fill(409)]);
    for (const r of answers.filter((a) => a.statusCode === 409)) expect(r.json()).toMatchObject({ code: 'EJP_ALREADY_RESPONDED' });
    expect(await responseStreamsOf(surveyId)).toHaveLength(1);
  });

  it('answers a retry with the same Idempotency-Key with the first result, also in parallel', async () => {
    t = await open();
    opened.push(t);
    const roster = people(6);
    const surveyId = await createAndLaunch(t, roster);
    const key = { 'idempotency-key': 'retry-1' };
    const retries = await Promise.all(Array.from({ length: 6 }, () => respond(t, surveyId, roster[1]!.employeeId, answersOf(4), key)));
    const created = retries.filter((r) => r.statusCode === 201);
    expect(created.length).toBeGreaterThan(0);
    for (const r of retries) expect([201, 409]).toContain(r.statusCode);
    expect(new Set(created.map((r) => r.body)).size).toBe(1);
    expect((await respond(t, surveyId, roster[1]!.employeeId, answersOf(4), key)).body).toBe(created[0]!.body);
    expect(await responseStreamsOf(surveyId)).toHaveLength(1);
    // Everyone else still answers once each.
    const others = await Promise.all(roster.slice(2).map((p) => respond(t, surveyId, p.employeeId, answersOf(3))));
    expect(others.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect(await responseStreamsOf(surveyId)).toHaveLength(5);
  });
});

describe('answers and audience', () => {
  it('answers 400 naming the question, 403 outside the audience, 409 before launch and after close', async () => {
    t = await startFeedbackApp();
    opened.push(t);
    const roster = people(3);
    const surveyId = await createAndLaunch(t, roster);
    const bad = await respond(t, surveyId, roster[0]!.employeeId, [...answersOf(4), { questionId: 'nope', value: 3 }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'EJP_INVALID_ANSWER', questionId: 'nope', errors: [{ path: 'body.answers.3.questionId' }] });
    const outOfRange = await respond(t, surveyId, roster[0]!.employeeId, [{ questionId: 'work_challenge', value: 7 }, ...answersOf(4).slice(1)]);
    expect(outOfRange.json()).toMatchObject({ status: 400, questionId: 'work_challenge' });
    expect((await respond(t, surveyId, 'f0f0f0f0-0000-4000-8000-000000000000', answersOf(4))).json()).toMatchObject({ status: 403, code: 'EJP_NOT_INVITED' });
    expect((await t.post(`/surveys/${surveyId}/close`, 'hr')).statusCode).toBe(200);
    await t.waitFor('the secret destroyed', async () => (await t.secrets.findKey(`survey-${surveyId}`)).state === 'erased');
    expect((await respond(t, surveyId, roster[1]!.employeeId, answersOf(4))).json()).toMatchObject({ status: 409, code: 'EJP_SURVEY_CLOSED' });
  });
});
