import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventCatalogue, UnknownEventTypeError, UnknownEventVersionError } from './catalogue.ts';
import { defineEvent, upcaster } from './define-event.ts';
import { eventCatalogue } from './event-catalogue.ts';
import { personal } from './personal-data.ts';
import { isRedacted, REDACTED } from './redaction.ts';

// A three-version type to prove chaining: v1 {n} -> v2 {count} -> v3 {count, unit}.
const Counted = defineEvent({
  type: 'test.thing.counted',
  version: 3,
  schema: z.strictObject({ count: z.int(), unit: z.string() }),
  upcasters: [
    upcaster({ from: 2, schema: z.strictObject({ count: z.int() }), up: (d) => ({ ...d, unit: 'pieces' }) }),
    upcaster({ from: 1, schema: z.strictObject({ n: z.string() }), up: (d) => ({ count: Number(d.n) }) }),
  ],
  title: 'Counted',
});
const catalogue = new EventCatalogue([Counted]);

describe('EventCatalogue.upcast', () => {
  it('chains v1 -> v2 -> v3', () => {
    expect(catalogue.upcast('test.thing.counted', 1, { n: '7' })).toEqual({ version: 3, data: { count: 7, unit: 'pieces' } });
  });

  it('starts the chain at the stored version', () => {
    expect(catalogue.upcast('test.thing.counted', 2, { count: 2 })).toEqual({ version: 3, data: { count: 2, unit: 'pieces' } });
  });

  it('returns current-version data unchanged', () => {
    expect(catalogue.upcast('test.thing.counted', 3, { count: 1, unit: 'kg' })).toEqual({ version: 3, data: { count: 1, unit: 'kg' } });
  });

  it('never modifies the stored data it was given', () => {
    const stored = { count: 2 };
    catalogue.upcast('test.thing.counted', 2, stored);
    expect(stored).toEqual({ count: 2 });
  });

  it('fails on unknown types and versions instead of guessing', () => {
    expect(() => catalogue.upcast('test.thing.unknown', 1, {})).toThrow(UnknownEventTypeError);
    expect(() => catalogue.upcast('test.thing.counted', 4, {})).toThrow(UnknownEventVersionError);
    expect(() => catalogue.upcast('test.thing.counted', 0, {})).toThrow(UnknownEventVersionError);
  });

  it('upcasts EmployeeHired v1 by splitting the full name', () => {
    const v1 = { employeeId: 'e', email: 'a@example.com', fullName: 'Ada Lovelace', startDate: '2025-03-03' };
    const { version, data } = eventCatalogue.upcast('journey.employee.hired', 1, v1);
    expect(version).toBe(2);
    expect(data).toEqual({ employeeId: 'e', email: 'a@example.com', givenName: 'Ada', familyName: 'Lovelace', startDate: '2025-03-03' });
  });

  it('keeps an erased full name erased in both halves', () => {
    const { data } = eventCatalogue.upcast('journey.employee.hired', 1, { fullName: REDACTED, email: REDACTED });
    expect(isRedacted(data.givenName)).toBe(true);
    expect(isRedacted(data.familyName)).toBe(true);
    expect(isRedacted(data.email)).toBe(true);
  });

  it('validates data of an old version with that version’s schema', () => {
    expect(() => catalogue.parse('test.thing.counted', 1, { n: '1' })).not.toThrow();
    expect(() => catalogue.parse('test.thing.counted', 1, { count: 1 })).toThrow();
  });
});

describe('defineEvent', () => {
  const base = { schema: z.strictObject({ a: z.string() }), title: 'T' };

  it('rejects a hole in the upcaster chain', () => {
    const v1 = upcaster({ from: 1, schema: z.strictObject({}), up: () => ({ a: '' }) });
    expect(() => defineEvent({ ...base, type: 'test.a.b', version: 3, upcasters: [v1] })).toThrow(/contiguously/);
  });

  it('rejects badly formed type names and versions', () => {
    expect(() => defineEvent({ ...base, type: 'EmployeeHired', version: 1 })).toThrow(/dotted/);
    expect(() => defineEvent({ ...base, type: 'test.a.b', version: 0 })).toThrow(/version/);
  });

  it('rejects a catalogue with a type defined twice', () => {
    expect(() => new EventCatalogue([Counted, Counted])).toThrow(/twice/);
  });

  it('finds personal data paths of old versions too', () => {
    const Named = defineEvent({
      type: 'test.person.named',
      version: 2,
      schema: z.strictObject({ name: z.strictObject({ given: personal(z.string()) }) }),
      upcasters: [upcaster({ from: 1, schema: z.strictObject({ fullName: personal(z.string()) }), up: (d) => ({ name: { given: d.fullName } }) })],
      title: 'Named',
    });
    const c = new EventCatalogue([Named]);
    expect(c.personalDataPaths('test.person.named', 1)).toEqual(['$.fullName']);
    expect(c.personalDataPaths('test.person.named', 2)).toEqual(['$.name.given']);
  });
});
