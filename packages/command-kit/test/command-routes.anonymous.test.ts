import { Writable } from 'node:stream';
import { envelopeOf } from '@ejp/contracts';
import { createLogger } from '@ejp/service-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_ACTOR } from '../src/index.ts';
import { type LedgerApp, startLedgerApp } from './fixtures/app.ts';
import { accountId, accountStream, ledgerRoutes } from './fixtures/ledger.ts';

let t: LedgerApp;
afterEach(async () => {
  await t.close();
});

/** Every log line the app writes, parsed. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ name: 'ledger-test', level: 'debug', destination }), lines };
}

describe('an anonymous row', () => {
  it('records no actor, request, correlation or trace id, times its events to the day, and logs neither subject nor stream', async () => {
    const { logger, lines } = capturedLogger();
    t = await startLedgerApp({ logger, routes: ledgerRoutes.map((row) => (row.operationId === 'deposit' ? { ...row, anonymous: true } : row)) });
    t.clock.now = new Date('2025-03-04T14:37:12.345Z');
    expect((await t.openAccount()).statusCode).toBe(201);
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await t.deposit({ amount: 5, valueDate: '2025-03-04' }, { 'x-correlation-id': 'flow-9', 'x-request-id': 'req-3', traceparent });
    expect(response.statusCode).toBe(200);

    const events = await t.store.readStream(accountStream(accountId));
    const deposit = envelopeOf(events.at(-1)!);
    expect(deposit.actor).toEqual(ANONYMOUS_ACTOR);
    expect(deposit.occurredAt).toBe('2025-03-04T00:00:00.000Z');
    expect(deposit.traceparent).toBeUndefined();
    for (const id of [deposit.correlationId, deposit.causationId]) expect(['flow-9', 'req-3']).not.toContain(id);
    // The named row next to it keeps the caller, for contrast.
    expect(envelopeOf(events[0]!).actor.id).toBe('hr-1');

    const depositLines = lines.filter((line) => line.includes('"requestId":"req-3"'));
    expect(depositLines.length).toBeGreaterThan(0);
    for (const line of depositLines) {
      expect(line).not.toContain('employee-1');
      expect(line).not.toContain(accountStream(accountId));
    }
    const metadata = JSON.stringify(events.at(-1)!.metadata);
    expect(metadata).not.toContain('employee-1');
    expect(metadata).not.toContain('req-3');
  });
});
