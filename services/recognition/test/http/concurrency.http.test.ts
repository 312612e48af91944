import { journeyStream } from '@ejp/contracts';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { ada, EMPLOYEE, giveBody, giver, startTestApp, type TestApp } from './support.ts';

// The allowance invariant under concurrency, on the real stores: N gives by
// one giver at once. Each costs 15 points of the 100: at most 6 fit. Every
// command is decided on the giver's stream and appended with its expected
// revision, so a loser of a race is decided again on the new state (or,
// when its retries run out, refused with EJP_CONFLICT), never appended on stale state.

const N = 16;
const COST = 15;
const FIT = Math.floor(100 / COST);
const postgres = await findServer('postgres');

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function giveAllAtOnce() {
  await t.setUp();
  const responses = await Promise.all(Array.from({ length: N }, () => t.post('/recognitions', giver, EMPLOYEE, giveBody({ recipientIds: [ada], pointsPerRecipient: COST }))));
  const stored = (await t.store.readStream(journeyStream(giver))).filter((e) => e.type === 'journey.recognition.given');
  const spent = stored.reduce((sum, e) => sum + (e.data.funding as { allowance: number; boost: number }).allowance, 0);
  return { responses, stored, spent };
}

function expectNeverOverspent({ responses, stored, spent }: Awaited<ReturnType<typeof giveAllAtOnce>>) {
  const created = responses.filter((r) => r.statusCode === 201);
  const refused = responses.filter((r) => r.statusCode !== 201);
  expect(spent).toBeLessThanOrEqual(100);
  expect(stored).toHaveLength(created.length);
  expect(spent).toBe(created.length * COST);
  expect(new Set(created.map((r) => r.json().recognitionId)).size).toBe(created.length);
  for (const response of refused) {
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(['EJP_ALLOWANCE_EXCEEDED', 'EJP_CONFLICT']).toContain(response.json().code);
    expect(response.json().detail).toEqual(expect.any(String));
  }
  return { created: created.length, codes: refused.map((r) => r.json().code as string) };
}

const backends = [
  ['SQLite', async () => undefined],
  ...(postgres.available ? [['PostgreSQL', async () => createTestDatabase(urlOf(postgres), 'recognition')] as const] : []),
] as const;

describe.each(backends)('%s: N parallel gives by one giver', (_, database) => {
  it(`with enough conflict retries, exactly ${FIT} of ${N} fit; the others are 409 EJP_ALLOWANCE_EXCEEDED`, async () => {
    const url = await database();
    t = await startTestApp({ ...(url ? { postgresUrl: url } : {}), maxConflictRetries: 100, interleave: true });
    const outcome = expectNeverOverspent(await giveAllAtOnce());
    expect(outcome.created).toBe(FIT);
    expect(outcome.codes).toEqual(Array.from({ length: N - FIT }, () => 'EJP_ALLOWANCE_EXCEEDED'));
    // The gives did race: appends on a stale revision were refused by the store and decided again.
    expect(t.conflicts.count).toBeGreaterThan(0);
  });

  it('with the default retries, some may give up with 409 EJP_CONFLICT, and the allowance still holds', async () => {
    const url = await database();
    t = await startTestApp({ ...(url ? { postgresUrl: url } : {}), interleave: true });
    const outcome = expectNeverOverspent(await giveAllAtOnce());
    expect(outcome.created).toBeGreaterThan(0);
    expect(outcome.created).toBeLessThanOrEqual(FIT);
  });
});
