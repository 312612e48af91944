import { randomUUID } from 'node:crypto';
import { journeyStream, REDACTED } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../port.ts';
import { openSqliteEventStore } from '../sqlite/event-store.ts';
import { catalogueShreddingPolicy } from './catalogue-policy.ts';
import { withCryptoShredding } from './crypto-shredding.ts';
import { DecryptionFailedError, MissingDataKeyError } from './errors.ts';
import { isEncryptedField } from './field-cipher.ts';
import type { KeyStore } from './key-store.ts';
import { InMemoryKeyStore } from './memory-key-store.ts';
import { hire, onboarding, useShreddingFixtures } from '../../test/shredding-fixtures.ts';

const { setup, collect, track } = useShreddingFixtures();

describe('withCryptoShredding over the SQLite event store', () => {
  it('round-trips: reads return exactly the data that was appended', async () => {
    const { store } = await setup();
    const { stream, events } = await hire(store);
    const read = await store.readStream(stream);
    expect(read.map((e) => e.data)).toEqual(events.map((e) => e.data));
    expect(read.map((e) => e.metadata)).toEqual(events.map((e) => e.metadata));
    expect((await store.readAll({ filter: { streamPrefixes: [stream] } })).map((e) => e.data)).toEqual(events.map((e) => e.data));
  });

  it('stores no plaintext personal data, and no key, in the raw rows', async () => {
    const { inner, keys, store, rawData } = await setup();
    const { employeeId, stream, events } = await hire(store);
    const [hired, welcome, checkIn, plan] = await inner.readStream(stream);
    for (const path of ['givenName', 'familyName', 'email'] as const) expect(isEncryptedField(hired!.data[path])).toBe(true);
    expect(hired!.data).toMatchObject({ department: 'Engineering', employeeId, startDate: '2025-03-03' });
    expect(isEncryptedField(welcome!.data.message)).toBe(true);
    expect(isEncryptedField(checkIn!.data.notes)).toBe(true);
    expect(checkIn!.data.rating).toBe(4);
    expect(plan!.data).toEqual(events[3]!.data);

    const key = await keys.getOrCreateKey(employeeId);
    for (const event of events) {
      const raw = rawData(event.id);
      for (const secret of ['Ada', 'ada@example.com', 'Lovelace', 'settling', key.toString('base64'), key.toString('hex')]) {
        expect(raw).not.toContain(secret);
      }
    }
  });

  it('fails loudly on tampered ciphertext, in reads and subscriptions', async () => {
    const { inner, store, updateRawData } = await setup();
    const { stream, events } = await hire(store);
    const stored = (await inner.readStream(stream))[1]!;
    const field = stored.data.message as { ct: string };
    const ct = Buffer.from(field.ct, 'base64');
    ct[0]! ^= 1;
    updateRawData(events[1]!.id, { message: { ...field, ct: ct.toString('base64') } });

    await expect(store.readStream(stream)).rejects.toBeInstanceOf(DecryptionFailedError);
    await expect(store.readAll()).rejects.toMatchObject({ code: 'EJP_DECRYPTION_FAILED', eventId: events[1]!.id, path: '$.message' });
    const live = collect(store, stream, 4);
    await live.enough;
    expect(live.received).toHaveLength(1);
    expect(live.errors[0]).toBeInstanceOf(DecryptionFailedError);
  });

  it('fails loudly on ciphertext moved to another event or field', async () => {
    const { inner, store, updateRawData } = await setup();
    const { stream, events } = await hire(store);
    const [hired, welcome] = await inner.readStream(stream);
    updateRawData(events[1]!.id, { message: hired!.data.email }); // same key, other event and path
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(DecryptionFailedError);
    updateRawData(events[1]!.id, welcome!.data);
    updateRawData(events[0]!.id, { ...hired!.data, givenName: hired!.data.familyName }); // same event, other path
    await expect(store.readStream(stream)).rejects.toMatchObject({ path: '$.givenName' });
  });

  it('fails loudly when the key store does not know the key (wrong or lost key store)', async () => {
    const { inner, store } = await setup();
    const { stream } = await hire(store);
    const elsewhere = withCryptoShredding(inner, { keys: new InMemoryKeyStore(), ...catalogueShreddingPolicy() });
    await expect(elsewhere.readStream(stream)).rejects.toBeInstanceOf(MissingDataKeyError);
  });

  it('keeps appends idempotent: a retried batch is a no-op', async () => {
    const { store } = await setup();
    const employeeId = randomUUID();
    const events = onboarding(employeeId, 'Ada').map((e) => ({ ...e, id: e.id.toUpperCase() }));
    const first = await store.appendToStream(journeyStream(employeeId), events, { expectedRevision: 'no-stream' });
    const again = await store.appendToStream(journeyStream(employeeId), events, { expectedRevision: 'no-stream' });
    expect(again).toEqual(first);
    const read = await store.readStream(journeyStream(employeeId));
    expect(read.map((e) => e.data)).toEqual(events.map((e) => e.data)); // upper-case ids: AAD matches the stored lower-case id
  });
});

describe('withCryptoShredding field paths', () => {
  const keys: KeyStore = new InMemoryKeyStore();

  it('encrypts nested and array fields and nothing else', async () => {
    const inner = await openSqliteEventStore({ path: ':memory:' });
    track(inner);
    const store = withCryptoShredding(inner, {
      keys,
      personalPaths: () => ['$.answers[*].text', '$.person', '$.person.name', '$.absent'],
      subjectOf: () => 'e-1',
    });
    const data: JsonObject = { answers: [{ q: 1, text: 'secret one' }, { q: 2 }, { q: 3, text: 'secret three' }], person: { name: 'Ada', age: 36 }, open: 'public' };
    await store.appendToStream('s', [{ id: randomUUID(), type: 'test.survey.answered', data }]);
    const [raw] = await inner.readStream('s');
    const answers = raw!.data.answers as Record<string, unknown>[];
    expect(isEncryptedField(answers[0]!.text)).toBe(true);
    expect(answers[1]).toEqual({ q: 2 });
    expect(isEncryptedField(answers[2]!.text)).toBe(true);
    expect(isEncryptedField(raw!.data.person)).toBe(true); // encrypted whole; the nested path finds nothing left
    expect(raw!.data.open).toBe('public');
    expect((await store.readStream('s'))[0]!.data).toEqual(data);
    await store.erase('e-1');
    expect((await store.readStream('s'))[0]!.data).toEqual({ answers: [{ q: 1, text: REDACTED }, { q: 2 }, { q: 3, text: REDACTED }], person: REDACTED, open: 'public' });
  });

  it('encrypts each field once when paths overlap', async () => {
    const inner = await openSqliteEventStore({ path: ':memory:' });
    track(inner);
    const store = withCryptoShredding(inner, { keys, personalPaths: () => ['$.x.name', '$.x.*'], subjectOf: () => 'e-2' });
    const data: JsonObject = { x: { name: 'Ada', city: 'London' } };
    await store.appendToStream('s', [{ id: randomUUID(), type: 'test.a.b', data }]);
    expect((await store.readStream('s'))[0]!.data).toEqual(data);
  });

  it('never asks for a key when there is nothing personal to encrypt', async () => {
    const inner = await openSqliteEventStore({ path: ':memory:' });
    track(inner);
    const store = withCryptoShredding(inner, { keys, personalPaths: () => ['$.notes'], subjectOf: () => { throw new Error('not called'); } });
    await store.appendToStream('s', [{ id: randomUUID(), type: 'test.a.b', data: { rating: 1 } }]);
    expect((await store.readStream('s'))[0]!.data).toEqual({ rating: 1 });
  });
});
