import { randomUUID } from 'node:crypto';
import {
  CheckInRecorded,
  EmployeeErased,
  EmployeeHired,
  eventCatalogue,
  isRedacted,
  journeyStream,
  newEvent,
  REDACTED,
  WelcomeMessageSent,
} from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { SubjectErasedError } from './errors.ts';
import { ctx, hire, useShreddingFixtures } from '../../test/shredding-fixtures.ts';

const { setup, collect } = useShreddingFixtures();

describe('erasure through withCryptoShredding over the SQLite event store', () => {
  it('after erasure reads return the redaction marker on readStream, readAll and subscriptions', async () => {
    const { store } = await setup();
    const { employeeId, stream, events } = await hire(store);
    await store.erase(employeeId);

    const read = await store.readStream(stream);
    expect(read[0]!.data).toMatchObject({ givenName: REDACTED, familyName: REDACTED, email: REDACTED, department: 'Engineering', employeeId });
    expect(read[1]!.data).toEqual({ message: REDACTED });
    expect(read[2]!.data).toEqual({ day: 30, rating: 4, notes: REDACTED });
    expect(read[3]!.data).toEqual(events[3]!.data);
    expect(JSON.stringify(read.map((e) => e.data))).not.toMatch(/Ada|Lovelace|\$enc/);

    expect((await store.readAll({ filter: { streamPrefixes: [stream] } })).map((e) => e.data)).toEqual(read.map((e) => e.data));

    const live = collect(store, stream, 4);
    await live.enough;
    expect(live.errors).toEqual([]);
    expect(live.received.map((e) => e.data)).toEqual(read.map((e) => e.data));
  });

  it('erasing one employee leaves the others readable', async () => {
    const { store } = await setup();
    const ada = await hire(store, 'Ada');
    const grace = await hire(store, 'Grace');
    await store.erase(ada.employeeId);
    expect((await store.readStream(grace.stream)).map((e) => e.data)).toEqual(grace.events.map((e) => e.data));
    const all = await store.readAll();
    expect(all.filter((e) => e.streamName === grace.stream).map((e) => e.data)).toEqual(grace.events.map((e) => e.data));
    expect(all.filter((e) => e.streamName === ada.stream).every((e) => !JSON.stringify(e.data).includes('Ada'))).toBe(true);
  });

  it('a running subscription redacts events it delivers after the erasure', async () => {
    const { store } = await setup();
    const { employeeId, stream } = await hire(store);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    // Holding the first delivery: the page of 4 events is already read, still encrypted.
    const live = collect(store, stream, 4, (event) => (event.revision === 0n ? gate : Promise.resolve()));
    await expect.poll(() => live.received.length).toBe(1);
    expect(live.received[0]!.data.givenName).toBe('Ada');
    await store.erase(employeeId);
    release();
    await live.enough;
    expect(live.errors).toEqual([]);
    expect(live.received[1]!.data.message).toEqual(REDACTED);
    expect(live.received[2]!.data.notes).toEqual(REDACTED);
  });

  it('refuses personal data for an erased employee with a typed error and stores nothing', async () => {
    const { store, keys } = await setup();
    const { employeeId, stream } = await hire(store);
    await store.erase(employeeId);
    const welcome = newEvent(WelcomeMessageSent, { message: 'Welcome back!' }, ctx);
    await expect(store.appendToStream(stream, [welcome])).rejects.toBeInstanceOf(SubjectErasedError);
    await expect(store.appendToStream(stream, [welcome])).rejects.toMatchObject({ code: 'EJP_SUBJECT_ERASED', subjectId: employeeId });
    expect(await store.readStream(stream)).toHaveLength(4);
    expect((await keys.findKey(employeeId)).state).toBe('erased');
    // An event with nothing personal in it is still fine.
    await store.appendToStream(stream, [newEvent(CheckInRecorded, { day: 60, rating: 5 }, ctx)]);
    expect(await store.readStream(stream)).toHaveLength(5);
  });

  it('reads an old EmployeeHired v1 of an erased employee and upcasts it without a crash', async () => {
    const { store } = await setup();
    const employeeId = randomUUID();
    const v1 = {
      id: randomUUID(),
      type: EmployeeHired.type,
      data: { employeeId, fullName: 'Ada Lovelace', email: 'ada@example.com', department: 'Eng', role: 'Eng', level: 'L3', managerId: null, location: 'London', startDate: '2025-03-03' },
      metadata: { ...newEvent(WelcomeMessageSent, { message: 'x' }, ctx).metadata, version: 1 },
    };
    await store.appendToStream(journeyStream(employeeId), [v1]);
    await store.erase(employeeId);
    const [stored] = await store.readStream(journeyStream(employeeId));
    const { version, data } = eventCatalogue.upcast(stored!.type, stored!.metadata.version as number, stored!.data);
    expect(version).toBe(2);
    expect([data.givenName, data.familyName, data.email].every(isRedacted)).toBe(true);
    expect(data.department).toBe('Eng');
  });

  it('appending the erasure event (erasesSubject in its contracts definition) destroys the key with it', async () => {
    const { store, keys } = await setup();
    const { employeeId, stream } = await hire(store);
    await store.appendToStream(stream, [newEvent(EmployeeErased, { reason: 'employee-request' }, ctx)]);
    expect((await keys.findKey(employeeId)).state).toBe('erased');
    const read = await store.readStream(stream);
    expect(read[0]!.data.givenName).toEqual(REDACTED);
    expect(read.at(-1)!.data).toEqual({ reason: 'employee-request' });
  });
});
