import { randomUUID } from 'node:crypto';
import { type CommandHandler, commandEventId, createCommandHandler, IdempotencyKeyReusedError } from '@ejp/command-kit';
import type { CausationContext } from '@ejp/contracts';
import { type EventStore, WrongExpectedRevisionError } from '@ejp/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId, accountStream, type LedgerCommand, ledgerCodec, ledgerDecider, type LedgerEvent, type LedgerState, streamOfLedger } from './fixtures/ledger.ts';
import { openTestStores, racingStore, type TestStores } from './fixtures/stores.ts';

let stores: TestStores;
beforeEach(async () => {
  stores = await openTestStores();
});
afterEach(async () => {
  await stores.close();
});

const context: CausationContext = { actor: { id: 'hr-1', kind: 'hr' }, correlationId: 'flow-1', causationId: 'req-1' };
const stream = accountStream(accountId);
const day1 = new Date('2025-03-03T09:00:00Z');

const open = (now = day1, openingDeposit?: number): LedgerCommand => ({
  type: 'OpenAccount',
  data: { accountId, owner: 'Ada', currency: 'EUR', ...(openingDeposit === undefined ? {} : { openingDeposit }) },
  metadata: { now },
});
const deposit = (amount: number, valueDate = '2025-03-03', now = day1): LedgerCommand => ({
  type: 'Deposit',
  data: { accountId, amount, valueDate },
  metadata: { now },
});

function handlerOn(store: EventStore, maxRetries?: number): CommandHandler<LedgerCommand, LedgerState, LedgerEvent, CausationContext> {
  return createCommandHandler({
    store,
    decider: ledgerDecider,
    codec: ledgerCodec,
    streamOf: streamOfLedger,
    ...(maxRetries === undefined ? {} : { maxRetries }),
  });
}

describe('createCommandHandler', () => {
  it('decides on the stream streamOf names and appends the decision in one append', async () => {
    const handler = handlerOn(stores.raw);
    expect(handler.streamOf(open())).toBe(stream);
    const result = await handler.handle(open(day1, 50), { context });
    expect(result).toMatchObject({ stream, revision: 1n, replayed: false, state: { status: 'open', balance: 50 } });
    expect(result.events.map((e) => [e.type, e.revision])).toEqual([['test.account.opened', 0n], ['test.account.deposited', 1n]]);
    const stored = await stores.raw.readStream(stream);
    expect(stored.map((e) => e.id)).toEqual(result.events.map((e) => e.id));
    expect(stored[1]!.position - stored[0]!.position).toBe(1n);
    expect(stored[0]!.metadata).toMatchObject({ version: 2, actor: context.actor, correlationId: 'flow-1', occurredAt: day1.toISOString() });
    expect(await handler.load(stream)).toEqual({ state: { status: 'open', balance: 50 }, revision: 1n, erased: false });
  });

  it('folds only the types its codec knows: another service’s event in the stream is skipped', async () => {
    const handler = handlerOn(stores.raw);
    await handler.handle(open(), { context });
    await stores.raw.appendToStream(stream, [{ id: randomUUID(), type: 'other.service.noted', data: { x: 1 }, metadata: {} }]);
    const result = await handler.handle(deposit(30), { context });
    expect(result).toMatchObject({ revision: 2n, state: { status: 'open', balance: 30 } });
  });

  it('an empty decision appends nothing and answers the current revision', async () => {
    const handler = handlerOn(stores.raw);
    await handler.handle(open(), { context });
    await handler.handle({ type: 'CloseAccount', data: { accountId }, metadata: { now: day1 } }, { context });
    const again = await handler.handle({ type: 'CloseAccount', data: { accountId }, metadata: { now: day1 } }, { context });
    expect(again).toMatchObject({ events: [], revision: 1n, replayed: false });
    expect(await stores.raw.readStream(stream)).toHaveLength(2);
  });

  it('lets domain errors through and appends nothing', async () => {
    const handler = handlerOn(stores.raw);
    await expect(handler.handle(deposit(5), { context })).rejects.toMatchObject({ code: 'EJP_TEST_ACCOUNT_NOT_FOUND' });
    expect(await stores.raw.readStream(stream)).toEqual([]);
  });
});

describe('idempotency keys', () => {
  it('derive the event ids from (stream, key, index); a retry returns the first result and appends nothing', async () => {
    const handler = handlerOn(stores.raw);
    const first = await handler.handle(open(day1, 50), { context, idempotencyKey: 'open-1' });
    expect(first.events.map((e) => e.id)).toEqual([commandEventId(stream, 'open-1', 0), commandEventId(stream, 'open-1', 1)]);
    await handler.handle(deposit(7), { context });
    const retry = await handler.handle(open(day1, 50), { context, idempotencyKey: 'open-1' });
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await stores.raw.readStream(stream)).toHaveLength(3);
  });

  it('a retry is decided at the instant the first attempt recorded, not at the time of the retry', async () => {
    const handler = handlerOn(stores.raw);
    await handler.handle(open(), { context });
    const first = await handler.handle(deposit(10, '2025-03-03', day1), { context, idempotencyKey: 'dep-1' });
    const later = new Date('2025-03-10T09:00:00Z');
    // Decided afresh a week later, the value date is in the past ...
    await expect(handler.handle(deposit(10, '2025-03-03', later), { context })).rejects.toMatchObject({ code: 'EJP_TEST_VALUE_DATE_PAST' });
    // ... but the retry is judged as the first attempt was.
    const retry = await handler.handle(deposit(10, '2025-03-03', later), { context, idempotencyKey: 'dep-1' });
    expect(retry).toMatchObject({ replayed: true, events: first.events, revision: first.revision });
  });

  it('the same key for another command on the stream is refused and appends nothing', async () => {
    const handler = handlerOn(stores.raw);
    await handler.handle(open(), { context });
    await handler.handle(deposit(10), { context, idempotencyKey: 'k' });
    const before = await stores.raw.readStream(stream);
    await expect(handler.handle(deposit(11), { context, idempotencyKey: 'k' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    // A command the first state would refuse is a reuse too, not its domain error.
    await expect(handler.handle(open(), { context, idempotencyKey: 'k' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await stores.raw.readStream(stream)).toEqual(before);
  });

  it('are scoped to the stream: the same key on another stream is a new command', async () => {
    const handler = handlerOn(stores.raw);
    const other = randomUUID();
    const a = await handler.handle(open(), { context, idempotencyKey: 'same' });
    const openOther: LedgerCommand = { type: 'OpenAccount', data: { accountId: other, owner: 'Bo', currency: 'EUR' }, metadata: { now: day1 } };
    const b = await handler.handle(openOther, { context, idempotencyKey: 'same' });
    expect(b.replayed).toBe(false);
    expect(b.events[0]!.id).not.toBe(a.events[0]!.id);
  });

  it('twins racing with the same key: one set of events, both get it, the store answered the twin by event id', async () => {
    const race = racingStore(stores.raw);
    const handler = handlerOn(race.store);
    race.arm();
    const [a, b] = await Promise.all([
      handler.handle(open(day1, 50), { context, idempotencyKey: 'twins' }),
      handler.handle(open(day1, 50), { context, idempotencyKey: 'twins' }),
    ]);
    expect(a.events).toEqual(b.events);
    expect(race.conflicts).toHaveLength(0);
    expect(await stores.raw.readStream(stream)).toHaveLength(2);
  });

  it('twins with the same key but different commands: one wins, the other is a reuse', async () => {
    const race = racingStore(stores.raw);
    const handler = handlerOn(race.store);
    await handler.handle(open(), { context });
    race.arm();
    const outcomes = await Promise.allSettled([
      handler.handle(deposit(10), { context, idempotencyKey: 'twins' }),
      handler.handle(deposit(20), { context, idempotencyKey: 'twins' }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')!.reason).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await stores.raw.readStream(stream)).toHaveLength(2);
  });
});

describe('concurrency', () => {
  it('without a precondition, the loser of a race is decided again on the new state', async () => {
    const race = racingStore(stores.raw);
    const handler = handlerOn(race.store);
    await handler.handle(open(), { context });
    race.arm();
    const results = await Promise.all([handler.handle(deposit(10), { context }), handler.handle(deposit(20), { context })]);
    expect(race.conflicts).toHaveLength(1);
    expect(results.map((r) => r.revision).sort()).toEqual([1n, 2n]);
    expect((await handler.load(stream)).state.balance).toBe(30);
  });

  it('gives up after maxRetries with the conflict', async () => {
    const race = racingStore(stores.raw);
    const handler = handlerOn(race.store, 0);
    await handler.handle(open(), { context });
    race.arm();
    const outcomes = await Promise.allSettled([handler.handle(deposit(10), { context }), handler.handle(deposit(20), { context })]);
    expect(outcomes.find((o) => o.status === 'rejected')!.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(await stores.raw.readStream(stream)).toHaveLength(2);
  });

  it('with a precondition, the loser fails at once: its caller pinned a revision that no longer holds', async () => {
    const race = racingStore(stores.raw);
    const handler = handlerOn(race.store);
    await handler.handle(open(), { context });
    race.arm();
    const loadsBefore = race.loads;
    const outcomes = await Promise.allSettled([
      handler.handle(deposit(10), { context, expected: [0n] }),
      handler.handle(deposit(20), { context, expected: [0n] }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')!.reason).toBeInstanceOf(WrongExpectedRevisionError);
    // One load each: the loser was not decided again.
    expect(race.loads - loadsBefore).toBe(2);
  });

  it('checks the precondition before deciding: a stale revision, or `exists` on no stream', async () => {
    const handler = handlerOn(stores.raw);
    await expect(handler.handle(deposit(1), { context, expected: 'exists' })).rejects.toMatchObject({ actual: 'no-stream' });
    await handler.handle(open(), { context });
    await handler.handle(deposit(1), { context });
    await expect(handler.handle(deposit(2), { context, expected: [0n] })).rejects.toMatchObject({ actual: 1n });
    await expect(handler.handle(deposit(2), { context, expected: [0n, 1n] })).resolves.toMatchObject({ revision: 2n });
  });
});
