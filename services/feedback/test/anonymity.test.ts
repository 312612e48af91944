import { Writable } from 'node:stream';
import { appendMetadata, envelopeOf, SurveyResponseStreams, SurveyStreams } from '@ejp/contracts';
import { createLogger } from '@ejp/service-kit';
import { createTestDatabase, createTestTopic, findServer, urlOf } from '@ejp/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { responseTokenOf } from '../src/survey-round.ts';
import { type DumpedRow, dumpPostgres, dumpSqlite, relayAndConsume } from './dump.ts';
import { answersOf, createAndLaunch, type FeedbackTestApp, people, respond, startFeedbackApp } from './support.ts';

const postgres = await findServer('postgres');
const kafka = await findServer('kafka');

let t: FeedbackTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const MIDNIGHT = /T00:00:00(\.000)?Z$/;
const isMidnight = (date: Date) => date.getTime() % 86_400_000 === 0;

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'feedback-test', level: 'info', destination }) };
}

/**
 * A survey round, anonymous: twelve invited, eight respond (with comments),
 * the survey closes, the round completes. Then everything at rest (every
 * table of the event store and read store, every Kafka message, every log
 * line) is searched for a link from a response to its respondent.
 */
async function anonymousRound(open: (logger: ReturnType<typeof createLogger>) => Promise<FeedbackTestApp>) {
  const { lines, logger } = capture();
  t = await open(logger);
  const roster = people(12, (i) => ({ department: i % 2 ? 'engineering' : 'sales' }));
  const surveyId = await createAndLaunch(t, roster);
  const respondents = roster.slice(0, 8);
  t.clock.now = new Date('2025-03-04T14:37:12.345Z');
  for (const [i, person] of respondents.entries()) {
    const answered = await respond(t, surveyId, person.employeeId, answersOf(1 + (i % 5), `Idea number ${i}: more focus time`), { 'x-request-id': `req-${i}` });
    expect(answered.statusCode, answered.body).toBe(201);
    // The respondent's own journey gets an event of theirs between responses: no marker may sit beside a response.
    await t.raw.appendToStream(`journey-${person.employeeId}`, [{ id: crypto.randomUUID(), type: 'test.noise', data: {}, metadata: appendMetadata(1, { actor: { id: person.employeeId, kind: 'employee' }, correlationId: `noise-${i}`, causationId: `noise-${i}` }) }]);
  }
  t.clock.now = new Date('2025-03-14T16:00:00Z');
  expect((await t.post(`/surveys/${surveyId}/close`, 'hr')).statusCode).toBe(200);
  await t.waitFor('the round to complete', async () => (await t!.secrets.findKey(`survey-${surveyId}`)).state === 'erased');
  await t.waitFor('the results', async () => (await t!.app.inject({ method: 'GET', url: `/surveys/${surveyId}/results`, headers: await t!.as('hr') })).json().overall?.respondents === 8);
  const all = await t.raw.readAll();
  return { surveyId, roster, respondents, all, lines };
}

/** The checks every store of a round must pass, on rows (tables, messages) as text. */
function expectNoLink(rows: readonly DumpedRow[], round: Awaited<ReturnType<typeof anonymousRound>>) {
  const ids = round.respondents.map((p) => p.employeeId);
  const responses = round.all.filter((e) => SurveyResponseStreams.owns(e.streamName));
  const tokens = responses.map((e) => SurveyResponseStreams.idOf(e.streamName)!.split('.')[1]!);
  const comments = round.respondents.map((_, i) => `Idea number ${i}`);
  const launch = round.all.find((e) => e.type === 'feedback.survey.launched')!;
  for (const row of rows) {
    const person = ids.find((id) => row.text.includes(id));
    if (!person) continue;
    const content = [...tokens, ...comments].find((needle) => row.text.includes(needle));
    // The one row naming both is the launch: invitees sorted by id, tokens sorted by token, no pairing.
    if (content && !row.text.includes(launch.id)) throw new Error(`${row.where} links ${person} to ${content}: ${row.text.slice(0, 300)}`);
  }
  // No key kept anywhere computes a response token any more.
  const hexes = rows.flatMap((row) => row.text.match(/[0-9a-f]{64}/g) ?? []);
  for (const hex of new Set(hexes)) {
    for (const id of ids) expect(tokens).not.toContain(responseTokenOf(Buffer.from(hex, 'hex'), id));
  }
}

describe('a survey round, anonymous by construction', () => {
  it('on SQLite: nothing in any table, message or log line links a response to its respondent', async () => {
    const round = await anonymousRound((logger) => startFeedbackApp({ logger }));
    const { all, respondents, surveyId, lines } = round;
    const responses = all.filter((e) => SurveyResponseStreams.owns(e.streamName));
    expect(responses).toHaveLength(8);
    for (const response of responses) {
      // (a) no employee id; (d) the day only; (e) no actor, request or trace id.
      expect(Object.keys(response.data)).not.toContain('respondentId');
      for (const p of respondents) expect(JSON.stringify([response.streamName, response.data, response.metadata])).not.toContain(p.employeeId);
      expect(isMidnight(response.recordedAt)).toBe(true);
      const envelope = envelopeOf(response);
      expect(envelope.occurredAt).toMatch(MIDNIGHT);
      expect(envelope.actor).toEqual({ id: 'anonymous', kind: 'employee' });
      expect(envelope.traceparent).toBeUndefined();
      expect(envelope.causationId).not.toMatch(/^req-/);
    }
    // (c) the journey records completion only, dated to the close, appended after the close, never beside a response.
    const closed = all.find((e) => e.streamName === SurveyStreams.streamOf(surveyId) && e.type === 'feedback.survey.closed')!;
    const markers = all.filter((e) => e.type === 'journey.feedback.survey-completed');
    expect(markers.map((m) => m.streamName).sort()).toEqual(respondents.map((p) => `journey-${p.employeeId}`).sort());
    for (const marker of markers) {
      expect(marker.position).toBeGreaterThan(closed.position);
      expect(Object.keys(marker.data).sort()).toEqual(['completedBy', 'surveyId', 'title']);
      expect(marker.data.completedBy).toBe('2025-03-14');
      expect(envelopeOf(marker).occurredAt).toMatch(MIDNIGHT);
    }
    // (b) the secret is gone: no row of the secrets table holds key bytes.
    const rows = [...dumpSqlite(t!.files.events), ...dumpSqlite(t!.files.read)];
    const secretRows = rows.filter((r) => r.where.endsWith(':survey_secrets'));
    expect(secretRows).toHaveLength(1);
    expect(JSON.parse(secretRows[0]!.text)).toMatchObject({ key: null });
    expectNoLink(rows, round);
    // (e) the response requests' log lines name no respondent.
    const responseLines = lines.filter((line) => /"requestId":"req-\d"/.test(line));
    expect(responseLines.length).toBeGreaterThanOrEqual(8);
    for (const line of responseLines) for (const p of respondents) expect(line).not.toContain(p.employeeId);
  }, 60_000);

  it.runIf(postgres.available)('on PostgreSQL, with the round relayed to Kafka: no table and no message links a response to its respondent', async () => {
    const url = await createTestDatabase(urlOf(postgres), 'feedback_anon');
    const round = await anonymousRound((logger) => startFeedbackApp({ logger, stores: { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: url } }));
    for (const response of round.all.filter((e) => SurveyResponseStreams.owns(e.streamName))) expect(isMidnight(response.recordedAt)).toBe(true);
    const rows = [...(await dumpPostgres(url)), ...dumpSqlite(t!.files.read)];
    expect(rows.filter((r) => r.where.endsWith('.survey_secrets')).map((r) => JSON.parse(r.text).key)).toEqual([null]);
    if (kafka.available) {
      const brokers = urlOf(kafka);
      const topic = await createTestTopic(brokers, 'feedback-anon');
      const published = round.all.filter((e) => !e.type.startsWith('test.'));
      const dump = await relayAndConsume({ store: t!.raw, file: t!.files.events, brokers, topic, expected: round.all.length });
      expect(dump.messages.length).toBe(round.all.length);
      for (const message of dump.messages.filter((m) => m.headers.ce_type === 'feedback.response.submitted')) {
        expect(message.headers.ce_time).toMatch(MIDNIGHT);
        expect(message.headers.ce_recordedat).toMatch(MIDNIGHT);
        expect(Number(message.timestamp) % 86_400_000).toBe(0);
        expect(message.headers.ce_actorid).toBe('anonymous');
      }
      expect(published.length).toBeGreaterThan(0);
      rows.push(...dump.rows);
    }
    expectNoLink(rows, round);
  }, 90_000);
});
