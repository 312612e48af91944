import { randomUUID } from 'node:crypto';
import { createCommandHandler } from '@ejp/command-kit';
import { type CausationContext, surveyResponseStream } from '@ejp/contracts';
import { tracedEventStore } from '@ejp/eventstore';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountId, accountStream, type LedgerCommand, ledgerCodec, ledgerDecider } from './fixtures/ledger.ts';
import { openTestStores, racingStore, type TestStores } from './fixtures/stores.ts';

// The command span and the store's spans, from a real SQLite store, with an
// SDK tracer provider whose spans this file reads back.
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});

let stores: TestStores;
beforeEach(async () => {
  stores = await openTestStores();
  exporter.reset();
});
afterEach(() => stores.close());

const causation: CausationContext = { actor: { id: 'hr-1', kind: 'hr' }, correlationId: 'flow-1', causationId: 'req-1' };
const open: LedgerCommand = { type: 'OpenAccount', data: { accountId, owner: 'Ada', currency: 'EUR', openingDeposit: 5 }, metadata: { now: new Date('2025-03-03T09:00:00Z') } };
const deposit: LedgerCommand = { type: 'Deposit', data: { accountId, amount: 3, valueDate: '2025-03-03' }, metadata: { now: new Date('2025-03-03T10:00:00Z') } };

describe('command spans', () => {
  it('a command is one span with its type, stream and revisions; the append and reads nest under it with db.system', async () => {
    const store = tracedEventStore(stores.raw, { dbSystem: 'sqlite' });
    const handler = createCommandHandler({ store, decider: ledgerDecider, codec: ledgerCodec, streamOf: () => accountStream(accountId) });
    await handler.handle(open, { context: causation });
    await handler.handle(deposit, { context: causation, expected: [1n] });

    const spans = exporter.getFinishedSpans();
    const commands = spans.filter((s) => s.name.startsWith('command '));
    expect(commands.map((s) => s.name)).toEqual(['command OpenAccount', 'command Deposit']);
    expect(commands[1]!.attributes).toMatchObject({
      'ejp.command.type': 'Deposit',
      'ejp.stream': accountStream(accountId),
      'ejp.command.expected_revision': '1',
      'ejp.command.resulting_revision': '2',
      'ejp.command.conflict_retries': 0,
      'ejp.command.outcome': 'appended',
    });
    const appends = spans.filter((s) => s.name === `appendToStream ${accountStream(accountId).split('-')[0]}`);
    expect(appends).toHaveLength(2);
    expect(appends[0]!.attributes).toMatchObject({ 'db.system': 'sqlite', 'db.operation.name': 'appendToStream', 'ejp.expected_revision': 'no-stream', 'ejp.resulting_revision': '1' });
    expect(appends[0]!.parentSpanContext?.spanId).toBe(commands[0]!.spanContext().spanId);
    const reads = spans.filter((s) => s.name.startsWith('readStream '));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const read of reads) expect(commands.map((c) => c.spanContext().traceId)).toContain(read.spanContext().traceId);
    // A read outside any operation starts no trace.
    exporter.reset();
    await store.readStream(accountStream(accountId));
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('counts the conflict retries on the span', async () => {
    const race = racingStore(tracedEventStore(stores.raw, { dbSystem: 'sqlite' }));
    const handler = createCommandHandler({ store: race.store, decider: ledgerDecider, codec: ledgerCodec, streamOf: () => accountStream(accountId) });
    await handler.handle(open, { context: causation });
    race.arm();
    await Promise.all([handler.handle(deposit, { context: causation }), handler.handle(deposit, { context: causation })]);
    expect(race.conflicts).toHaveLength(1);
    const deposits = exporter.getFinishedSpans().filter((s) => s.name === 'command Deposit');
    expect(deposits.map((s) => s.attributes['ejp.command.conflict_retries']).sort()).toEqual([0, 1]);
    const retried = deposits.find((s) => s.attributes['ejp.command.conflict_retries'] === 1)!;
    expect(retried.events.map((e) => e.name)).toEqual(['conflict, deciding again']);
    expect(retried.attributes['ejp.command.resulting_revision']).toBe('3');
  });

  it('a refused command ends its span with an error and its code as the outcome', async () => {
    const handler = createCommandHandler({ store: tracedEventStore(stores.raw, { dbSystem: 'sqlite' }), decider: ledgerDecider, codec: ledgerCodec, streamOf: () => accountStream(accountId) });
    await expect(handler.handle(deposit, { context: causation })).rejects.toThrow();
    const [span] = exporter.getFinishedSpans().filter((s) => s.name === 'command Deposit');
    expect(span!.status.code).toBe(2);
    expect(String(span!.attributes['ejp.command.outcome'])).not.toBe('appended');
  });

  it('an anonymous response stream (timed to the day) gets no span, its append is only counted', async () => {
    const store = tracedEventStore(stores.raw, { dbSystem: 'sqlite' });
    const stream = surveyResponseStream(randomUUID(), 'token-1');
    await trace.getTracer('test').startActiveSpan('request', async (span) => {
      await store.appendToStream(stream, [{ id: randomUUID(), type: 'feedback.response.submitted', data: {}, metadata: {} }], { expectedRevision: 'no-stream' });
      await store.readStream(stream);
      span.end();
    });
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['request']);
  });
});
