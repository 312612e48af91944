import { commandEventId } from '@ejp/command-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { type LedgerApp, startLedgerApp, startRacingLedgerApp } from './fixtures/app.ts';
import { accountId, accountStream } from './fixtures/ledger.ts';

let t: LedgerApp;
afterEach(async () => {
  await t.close();
});

const stream = accountStream(accountId);

/** Starts `t` on a racing store and returns the race controls. */
async function startRacing(options: { maxRetries?: number } = {}) {
  const started = await startRacingLedgerApp(options);
  t = started.t;
  return started.race;
}

describe('Idempotency-Key', () => {
  it('a retry, even after later commands and days later, gets the very same bytes, ETag and Location and appends nothing', async () => {
    t = await startLedgerApp();
    const key = { 'idempotency-key': 'open-ada' };
    const first = await t.openAccount(key);
    expect(first.json().events.map((e: { id: string }) => e.id)).toEqual([commandEventId(stream, 'open-ada', 0), commandEventId(stream, 'open-ada', 1)]);
    expect((await t.deposit({ amount: 5, valueDate: '2025-03-03' })).statusCode).toBe(200);
    const before = await t.raw.readStream(stream);
    t.clock.now = new Date('2025-04-01T09:00:00Z');
    const retry = await t.openAccount(key);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(await t.raw.readStream(stream)).toEqual(before);
  });

  it('the same key for another body is 422 EJP_IDEMPOTENCY_KEY_REUSED and appends nothing', async () => {
    t = await startLedgerApp();
    await t.openAccount();
    const key = { 'idempotency-key': 'dep-1' };
    expect((await t.deposit({ amount: 5, valueDate: '2025-03-03' }, key)).statusCode).toBe(200);
    const before = await t.raw.readStream(stream);
    const reused = await t.deposit({ amount: 6, valueDate: '2025-03-03' }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('EJP_IDEMPOTENCY_KEY_REUSED');
    expect(await t.raw.readStream(stream)).toEqual(before);
  });

  it('twins racing with the same key both get the first response; one set of events', async () => {
    const race = await startRacing();
    race.arm();
    const [a, b] = await Promise.all([t.openAccount({ 'idempotency-key': 'twins' }), t.openAccount({ 'idempotency-key': 'twins' })]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.body).toBe(b.body);
    expect(race.conflicts).toHaveLength(0);
    expect(await t.raw.readStream(stream)).toHaveLength(2);
  });

  it('twins with the same key but different bodies: one wins, the other gets 422', async () => {
    const race = await startRacing();
    await t.openAccount();
    race.arm();
    const key = { 'idempotency-key': 'twins' };
    const responses = await Promise.all([t.deposit({ amount: 5, valueDate: '2025-03-03' }, key), t.deposit({ amount: 6, valueDate: '2025-03-03' }, key)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    expect(await t.raw.readStream(stream)).toHaveLength(3);
  });

  it('rejects a malformed key with 400 naming the header', async () => {
    t = await startLedgerApp();
    const response = await t.openAccount({ 'idempotency-key': 'has spaces' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('headers.idempotency-key');
  });
});

describe('If-Match', () => {
  it('412 with the current revision when the stream moved on; the current ETag succeeds; * needs the stream', async () => {
    t = await startLedgerApp();
    const star = await t.deposit({ amount: 5, valueDate: '2025-03-03' }, { 'if-match': '*' });
    expect(star.statusCode).toBe(412);
    expect(star.json()).toMatchObject({ code: 'EJP_PRECONDITION_FAILED', currentRevision: null });
    const opened = await t.openAccount();
    await t.deposit({ amount: 5, valueDate: '2025-03-03' });
    const stale = await t.deposit({ amount: 6, valueDate: '2025-03-03' }, { 'if-match': opened.headers.etag as string });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'EJP_PRECONDITION_FAILED', currentRevision: '2' });
    const fresh = await t.deposit({ amount: 6, valueDate: '2025-03-03' }, { 'if-match': '"1", "2"' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe('"3"');
  });

  it('400 for an If-Match that is not an entity tag', async () => {
    t = await startLedgerApp();
    const response = await t.deposit({ amount: 5, valueDate: '2025-03-03' }, { 'if-match': '3' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('headers.if-match');
  });
});

describe('concurrency', () => {
  it('without If-Match both racing commands succeed: the loser is decided again on the new state', async () => {
    const race = await startRacing();
    await t.openAccount();
    race.arm();
    const responses = await Promise.all([t.deposit({ amount: 5, valueDate: '2025-03-03' }), t.deposit({ amount: 6, valueDate: '2025-03-03' })]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(race.conflicts).toHaveLength(1);
    expect(responses.map((r) => r.json().revision).sort()).toEqual(['2', '3']);
  });

  it('with If-Match the loser gets 412 instead of a silent retry; with no retries left, 409 EJP_CONFLICT', async () => {
    const race = await startRacing({ maxRetries: 0 });
    await t.openAccount();
    race.arm();
    const ifMatch = { 'if-match': '"1"' };
    const pinned = await Promise.all([t.deposit({ amount: 5, valueDate: '2025-03-03' }, ifMatch), t.deposit({ amount: 6, valueDate: '2025-03-03' }, ifMatch)]);
    expect(pinned.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    race.arm();
    const unpinned = await Promise.all([t.deposit({ amount: 7, valueDate: '2025-03-03' }), t.deposit({ amount: 8, valueDate: '2025-03-03' })]);
    expect(unpinned.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(unpinned.find((r) => r.statusCode === 409)!.json().code).toBe('EJP_CONFLICT');
  });
});
