import { createCommandHandler } from '@ejp/command-kit';
import type { CausationContext } from '@ejp/contracts';
import { type EventStore, SubjectErasedError } from '@ejp/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countingStore, realBackends } from './fixtures/backends.ts';
import { accountId, accountStream, type LedgerCommand, ledgerCodec, ledgerDecider } from './fixtures/ledger.ts';

/**
 * The handler's state cache on the real stores: a command reads the stream
 * forward from the cached revision only, and stays right when another
 * process (another handler, another instance) appended meanwhile, when
 * commands race, and when a command is retried with its idempotency key.
 */

const backends = await realBackends('command_kit_cache');

const context: CausationContext = { actor: { id: 'hr-1', kind: 'hr' }, correlationId: 'flow-1', causationId: 'req-1' };
const stream = accountStream(accountId);
const now = new Date('2025-03-03T09:00:00Z');
const open: LedgerCommand = { type: 'OpenAccount', data: { accountId, owner: 'Ada', currency: 'EUR' }, metadata: { now } };
const deposit = (amount: number): LedgerCommand => ({ type: 'Deposit', data: { accountId, amount, valueDate: '2025-03-03' }, metadata: { now } });

for (const { name, available, open: openStore } of backends) {
  describe.runIf(available)(`the command handler's state cache on ${name}`, () => {
    let store: EventStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await openStore());
    });
    afterEach(async () => close());

    // Retries enough for eight racers to get through one by one.
    const cachedHandler = (on: EventStore) => createCommandHandler({ store: on, decider: ledgerDecider, codec: ledgerCodec, streamOf: () => stream, stateCache: {}, maxRetries: 10 });

    it('reads only the events after the cached revision, and folds them onto the cached state', async () => {
      const counting = countingStore(store);
      const handler = cachedHandler(counting.store);
      await handler.handle(open, { context });
      for (let i = 1; i <= 5; i++) await handler.handle(deposit(i), { context });
      // The open found no stream, the first deposit read the stream whole; every later one forward from the revision it folded.
      expect(counting.reads.map((options) => options?.fromRevision)).toEqual([undefined, undefined, 1n, 2n, 3n, 4n]);
      expect(await handler.load(stream)).toEqual({ state: { status: 'open', balance: 15 }, revision: 5n, erased: false });
    });

    it('refuses a command once an erasure arrived after the cached revision (appended by another instance)', async () => {
      // Deposits stand in for the erasure type: the point is the forward read after the cached revision.
      const mine = createCommandHandler({ store, decider: ledgerDecider, codec: ledgerCodec, streamOf: () => stream, stateCache: {}, erasureTypes: ['test.account.deposited'] });
      const theirs = createCommandHandler({ store, decider: ledgerDecider, codec: ledgerCodec, streamOf: () => stream, erasureTypes: [] });
      await theirs.handle({ ...open, type: 'OpenAccount' }, { context });
      expect(await mine.load(stream)).toMatchObject({ revision: 0n, erased: false });
      await theirs.handle(deposit(5), { context });
      expect(await mine.load(stream)).toMatchObject({ revision: 1n, erased: true });
      await expect(mine.handle(deposit(1), { context })).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('sees what another handler (another instance) appended since, and decides on it', async () => {
      const mine = cachedHandler(store);
      const theirs = cachedHandler(store);
      await mine.handle(open, { context });
      await mine.handle(deposit(10), { context });
      await theirs.handle(deposit(20), { context });
      await theirs.handle(deposit(30), { context });
      const result = await mine.handle(deposit(1), { context });
      expect(result).toMatchObject({ revision: 4n, state: { balance: 61 } });
    });

    it('racing commands on one stream: the losers conflict, are decided again on the new state, and nothing is lost', async () => {
      const handler = cachedHandler(store);
      await handler.handle(open, { context });
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => handler.handle(deposit(i + 1), { context })));
      expect(results.map((r) => Number(r.revision)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect((await handler.load(stream)).state.balance).toBe(36);
      // A fresh handler folding the whole stream agrees with the cache.
      expect((await cachedHandler(store).load(stream)).state.balance).toBe(36);
    });

    it('a retry with the same idempotency key replays the first result, however far the cache has moved on', async () => {
      const handler = cachedHandler(store);
      await handler.handle(open, { context });
      const first = await handler.handle(deposit(5), { context, idempotencyKey: 'k-1' });
      await handler.handle(deposit(7), { context });
      const again = await handler.handle(deposit(5), { context, idempotencyKey: 'k-1' });
      expect(again).toMatchObject({ replayed: true, revision: first.revision, events: first.events });
      expect((await handler.load(stream)).state.balance).toBe(12);
    });
  });
}
