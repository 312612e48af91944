import { randomUUID } from 'node:crypto';
import { createCommandHandler, IdempotencyKeyReusedError } from '@ejp/command-kit';
import type { CausationContext } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countingStore, realBackends } from './fixtures/backends.ts';
import { accountStream, type LedgerCommand, ledgerCodec, ledgerDecider } from './fixtures/ledger.ts';

/**
 * `createsStream`: a command whose stream must not exist yet is appended
 * with `no-stream` before anything is read, and only a conflict loads the
 * stream. The answers must be the ordinary path's: one winner among racing
 * first commands and the domain's refusal for the others, a retry with the
 * same Idempotency-Key answering the first result (also a day later, also in
 * parallel), a key reused for another command refused.
 */

const backends = await realBackends('command_kit_new_stream');
const day1 = new Date('2025-03-03T09:00:00Z');
const day2 = new Date('2025-03-04T10:00:00Z');
const context = (request = randomUUID()): CausationContext => ({ actor: { id: 'hr-1', kind: 'hr' }, correlationId: request, causationId: request });
const openAccount = (accountId: string, now = day1, owner = 'Ada'): LedgerCommand => ({ type: 'OpenAccount', data: { accountId, owner, currency: 'EUR', openingDeposit: 10 }, metadata: { now } });
const deposit = (accountId: string): LedgerCommand => ({ type: 'Deposit', data: { accountId, amount: 5, valueDate: '2025-03-03' }, metadata: { now: day1 } });
const code = (error: unknown) => (error as { code?: string }).code;

function handlerOn(store: EventStore, createsStream = true) {
  return createCommandHandler({
    store,
    decider: ledgerDecider,
    codec: ledgerCodec,
    streamOf: (command: LedgerCommand) => accountStream(command.data.accountId),
    ...(createsStream ? { createsStream: (command: LedgerCommand) => command.type === 'OpenAccount' } : {}),
  });
}

for (const { name, available, open } of backends) {
  describe.runIf(available)(`createsStream on ${name}`, () => {
    let store: EventStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(async () => close());

    it('appends a new stream without reading it; a second command on it is the domain’s refusal', async () => {
      const counted = countingStore(store);
      const handler = handlerOn(counted.store);
      const accountId = randomUUID();
      const first = await handler.handle(openAccount(accountId), { context: context() });
      expect(first).toMatchObject({ revision: 1n, replayed: false, state: { status: 'open', balance: 10 } });
      expect(first.events.map((e) => e.revision)).toEqual([0n, 1n]);
      expect(counted.reads).toEqual([]);
      await expect(handler.handle(openAccount(accountId), { context: context() })).rejects.toSatisfy((e) => code(e) === 'EJP_TEST_ACCOUNT_EXISTS');
      // Other commands take the ordinary path.
      expect((await handler.handle(deposit(accountId), { context: context() })).state.balance).toBe(15);
      expect((await store.readStream(accountStream(accountId))).map((e) => e.type)).toEqual(['test.account.opened', 'test.account.deposited', 'test.account.deposited']);
    });

    it('answers exactly as the ordinary path: twelve racing first commands give one stream and eleven refusals', async () => {
      for (const createsStream of [true, false]) {
        const handler = handlerOn(store, createsStream);
        const accountId = randomUUID();
        const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => handler.handle(openAccount(accountId, day1, `owner ${i}`), { context: context() })));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(outcomes.flatMap((o) => (o.status === 'rejected' ? [code(o.reason)] : []))).toEqual(Array(11).fill('EJP_TEST_ACCOUNT_EXISTS'));
        expect(await store.readStream(accountStream(accountId))).toHaveLength(2);
      }
    });

    it('answers a retry with the same key with the first result: at once, a day later, and in parallel; nothing is appended twice', async () => {
      const counted = countingStore(store);
      const handler = handlerOn(counted.store);
      const accountId = randomUUID();
      const first = await handler.handle(openAccount(accountId), { context: context(), idempotencyKey: 'k1' });
      expect(first.replayed).toBe(false);
      // Under a key, the one read is the check that the stored batch is this call's.
      expect(counted.reads).toEqual([{ fromRevision: 0n, maxCount: 2 }]);
      const later = await handler.handle(openAccount(accountId, day2), { context: context(), idempotencyKey: 'k1' });
      expect(later).toMatchObject({ replayed: true, revision: first.revision, state: first.state });
      expect(later.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
      const parallel = await Promise.all(Array.from({ length: 8 }, () => handler.handle(openAccount(accountId), { context: context(), idempotencyKey: 'k1' })));
      for (const result of parallel) expect(result.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
      expect(await store.readStream(accountStream(accountId))).toHaveLength(2);
    });

    it('settles parallel first attempts under one key on one append, every caller answered with it', async () => {
      const handler = handlerOn(store);
      const accountId = randomUUID();
      const results = await Promise.all(Array.from({ length: 8 }, () => handler.handle(openAccount(accountId), { context: context(), idempotencyKey: 'k2' })));
      expect(results.filter((r) => !r.replayed).length).toBeGreaterThanOrEqual(1);
      expect(new Set(results.map((r) => r.events.map((e) => e.id).join()))).toHaveProperty('size', 1);
      expect(await store.readStream(accountStream(accountId))).toHaveLength(2);
    });

    it('refuses a key reused for another command, as the ordinary path does', async () => {
      const handler = handlerOn(store);
      const accountId = randomUUID();
      await handler.handle(openAccount(accountId), { context: context(), idempotencyKey: 'k3' });
      await expect(handler.handle(openAccount(accountId, day1, 'Grace'), { context: context(), idempotencyKey: 'k3' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });
  });
}
