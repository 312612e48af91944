import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@ejp/contracts';
import type { RecordedEvent } from '@ejp/eventstore';
import { describe, expect, it } from 'vitest';
import { AccountOpened, ledgerCodec } from './fixtures/ledger.ts';

const context = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'c', causationId: 'r', id: randomUUID(), occurredAt: new Date('2025-03-03T09:00:00Z') };
const recorded = (type: string, version: number | undefined, data: JsonObject): RecordedEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: version === undefined ? {} : { version },
  streamName: 'account-1',
  revision: 0n,
  position: 0n,
  recordedAt: new Date(),
});

describe('catalogueCodec', () => {
  const accountId = randomUUID();

  it('encodes through the contracts: the current version, the envelope metadata and the given id', () => {
    const encoded = ledgerCodec.encode({ type: 'test.account.opened', data: { accountId, owner: 'Ada', currency: 'EUR' } }, context);
    expect(encoded).toMatchObject({ id: context.id, type: 'test.account.opened', data: { accountId, owner: 'Ada', currency: 'EUR' } });
    expect(encoded.metadata).toMatchObject({ version: AccountOpened.version, occurredAt: '2025-03-03T09:00:00.000Z', actor: context.actor });
  });

  it('refuses data its schema rejects, and types it does not know', () => {
    expect(() => ledgerCodec.encode({ type: 'test.account.opened', data: { accountId, owner: '', currency: 'EUR' } }, context)).toThrow();
    expect(() => ledgerCodec.encode({ type: 'test.other' } as never, context)).toThrow(/not an event type of this codec/);
  });

  it('decodes older versions upcast to the current one', () => {
    expect(ledgerCodec.decode(recorded('test.account.opened', 1, { accountId, owner: 'Ada' }))).toEqual({
      type: 'test.account.opened',
      data: { accountId, owner: 'Ada', currency: 'EUR' },
    });
  });

  it('skips other types and refuses its own types without a version', () => {
    expect(ledgerCodec.decode(recorded('journey.employee.hired', 2, {}))).toBeUndefined();
    expect(() => ledgerCodec.decode(recorded('test.account.closed', undefined, {}))).toThrow(/no metadata.version/);
  });
});
