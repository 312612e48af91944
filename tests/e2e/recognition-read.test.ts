import { randomUUID } from 'node:crypto';
import { signDevToken } from '@ejp/service-kit';
import { uniqueName } from '@ejp/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startDistributed, TEST_MASTER_KEY } from './support/distributed.ts';
import { expectStatus, type HttpClient, httpClient } from './support/http.ts';
import { createE2eInfra, infraAvailable, mongoUrl } from './support/infra.ts';
import { hireBody } from './support/journey.ts';
import { killLeftovers, sleep, startService } from './support/service-process.ts';

// The recognition read side end to end: the recognition and onboarding
// services append to PostgreSQL, the relay publishes to Kafka, the projector
// writes MongoDB-wire read models (FerretDB here), the journey API answers.
// A department of 12 keeps FerretDB's writes well inside the timeout; every
// process is stopped (and its writes done) before the read database is dropped.
const SECRET = 'e2e-recognition-read-secret-of-32-chars';
const infra = infraAvailable ? await createE2eInfra('e2e_recread') : undefined;
const DEPARTMENT_SIZE = 12;

afterEach(() => killLeftovers());

/** Polls `read` until `done` holds (the projector is asynchronous), at most 30 s. */
async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in 30 s; last ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

const recognitionIdsIn = async (api: HttpClient, employeeId: string) =>
  (expectStatus(await api.get(`/employees/${employeeId}/timeline?limit=200`), 200, `timeline of ${employeeId}`).items as { data: { recognitionId?: string }; recognition?: { direction: string } }[])
    .filter((item) => item.recognition)
    .map((item) => `${item.recognition!.direction}:${item.data.recognitionId}`);

describe.runIf(infraAvailable)('recognition read side on real servers', () => {
  it('a give shows on both timelines and in the feed until withdrawn; a shout-out reaches every member', async () => {
    const { brokers, topic, mongoDatabase, databaseUrl } = infra!;
    const services = await startDistributed({
      databaseUrl,
      kafkaBrokers: brokers,
      topic,
      groupId: uniqueName('e2e_recread'),
      mongoUrl: mongoUrl(),
      mongoDatabase,
      authSecret: SECRET,
      journeyApiEnv: { READ_WAIT_TIMEOUT_MS: '20000', READ_WAIT_POLL_MS: '20' },
    });
    const recognition = await startService('recognition', { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: databaseUrl, KEYSTORE_MASTER_KEY: TEST_MASTER_KEY });
    const token = (subject: string, roles: string[]) => signDevToken({ secret: SECRET, subject, roles });

    const department = `Platform ${randomUUID().slice(0, 8)}`;
    const members = Array.from({ length: DEPARTMENT_SIZE }, () => randomUUID());
    const [giver, recipient] = members as [string, string];
    const hr = httpClient(services.onboarding.url, await token(randomUUID(), ['hr']));
    for (const id of members) expectStatus(await hr.post('/employees', { ...hireBody(id), department }), 201, `hire ${id}`);
    expectStatus(await httpClient(recognition.url, await token('admin-1', ['admin'])).post('/organisation/values', { valueId: 'ownership', name: 'Ownership' }), 201, 'value');

    const asGiver = httpClient(recognition.url, await token(giver, ['employee']));
    const given = expectStatus(await asGiver.post('/recognitions', { recipientIds: [recipient], values: ['ownership'], message: 'Thanks for the release!', pointsPerRecipient: 10 }), 201, 'give');
    const { recognitionId } = given;
    const asGiverReads = httpClient(services.journeyApi.url, await token(giver, ['employee']));
    const asRecipientReads = httpClient(services.journeyApi.url, await token(recipient, ['employee']));

    // The giver's timeline by read-your-writes; the recipient's (another stream) as soon as the projector got there.
    expectStatus(await asGiverReads.get(`/employees/${giver}/timeline?minRevision=${given.revision}`), 200, 'giver timeline');
    expect(await recognitionIdsIn(asGiverReads, giver)).toEqual([`given:${recognitionId}`]);
    await until('received on the recipient timeline', () => recognitionIdsIn(asRecipientReads, recipient), (ids) => ids.includes(`received:${recognitionId}`));
    const feed = await until('in the feed', async () => expectStatus(await asRecipientReads.get('/recognitions?value=ownership'), 200, 'feed').items, (items: { recognitionId: string }[]) => items.length === 1);
    expect(feed[0]).toMatchObject({ recognitionId, giverId: giver, recipientIds: [recipient], departments: [department], pointsPerRecipient: 10 });
    expect(JSON.stringify(feed)).not.toContain('release');
    const summary = await until('the summary', async () => expectStatus(await asRecipientReads.get(`/employees/${recipient}/recognition-summary`), 200, 'summary'), (s) => s.pointsBalance === 10);
    expect(summary.received).toEqual({ last30Days: 1, last90Days: 1 });

    const withdrawn = expectStatus(await asGiver.post(`/employees/${giver}/recognitions/${recognitionId}/withdrawal`), 200, 'withdraw');
    expectStatus(await asGiverReads.get(`/employees/${giver}/timeline?minRevision=${withdrawn.revision}`), 200, 'giver timeline after');
    expect(await recognitionIdsIn(asGiverReads, giver)).toEqual([]);
    await until('gone from the recipient timeline', () => recognitionIdsIn(asRecipientReads, recipient), (ids) => ids.length === 0);
    await until('gone from the feed', async () => expectStatus(await asRecipientReads.get('/recognitions?value=ownership'), 200, 'feed').items, (items: unknown[]) => items.length === 0);

    const shout = expectStatus(await asGiver.post('/shout-outs', { audience: { kind: 'department', department }, values: ['ownership'], message: 'What a quarter, team!' }), 201, 'shout-out');
    const hrReads = httpClient(services.journeyApi.url, await token(randomUUID(), ['hr']));
    for (const id of members.slice(1)) {
      await until(`shout-out on ${id}`, () => recognitionIdsIn(hrReads, id), (ids) => ids.includes(`received:${shout.recognitionId}`));
    }
    expect(await recognitionIdsIn(hrReads, giver)).toEqual([`given:${shout.recognitionId}`]);

    const codes = await Promise.all([recognition.stop(), services.stopAll()]);
    expect(codes).toEqual([0, { 'journey-api': 0, projector: 0, relay: 0, onboarding: 0 }]);
  });
});
