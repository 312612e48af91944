import { randomUUID } from 'node:crypto';
import {
  defineEvent,
  defineStreamCategory,
  EventCatalogue,
  JourneyStreams,
  journeyStream,
  newEvent,
  personal,
  StreamCategories,
} from '@ejp/contracts';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import { openSqliteEventStore } from '../sqlite/event-store.ts';
import { catalogueShreddingPolicy } from './catalogue-policy.ts';
import { withCryptoShredding } from './crypto-shredding.ts';
import { NoPersonalDataOwnerError } from './errors.ts';
import { isEncryptedField } from './field-cipher.ts';
import { InMemoryKeyStore } from './memory-key-store.ts';

// A second category, declared here as a service would in contracts: anonymous, so it may hold no personal data.
const SurveyStreams = defineStreamCategory({ name: 'survey', description: 'one survey round', personalDataOwner: 'none' });
// And one whose id is the employee, like journey streams.
const DeskStreams = defineStreamCategory({ name: 'desk', description: "an employee's desk bookings", personalDataOwner: 'id' });
// And one about a thing of one employee, whose events name that employee (a service request).
const TicketStreams = defineStreamCategory({ name: 'ticket', description: 'one request', personalDataOwner: { field: 'requesterId' } });
const categories = new StreamCategories([JourneyStreams, SurveyStreams, DeskStreams, TicketStreams]);
const SurveyAnswered = defineEvent({
  type: 'survey.test.answered',
  version: 1,
  schema: z.object({ score: z.int(), comment: personal(z.string()).optional(), requesterId: z.string().optional() }),
  title: 'answered',
});
const catalogue = new EventCatalogue([SurveyAnswered]);
const context = { actor: { id: 'e-1', kind: 'employee' as const }, correlationId: 'c', causationId: 'c' };

describe('catalogueShreddingPolicy', () => {
  const policy = catalogueShreddingPolicy();
  const event = { id: randomUUID(), type: 'journey.onboarding.welcome-message-sent', data: {} };

  it('takes personal paths from the catalogue for the version in the metadata', () => {
    expect(policy.personalPaths('journey.employee.hired', {}, { version: 1 }).sort()).toEqual(['$.email', '$.fullName']);
    expect(policy.personalPaths('journey.employee.hired', {}, { version: 2 }).sort()).toEqual(['$.email', '$.familyName', '$.givenName']);
  });

  it('fails closed on unknown types, versions and missing versions', () => {
    expect(() => policy.personalPaths('journey.unknown.thing', {}, { version: 1 })).toThrow(/unknown event type/);
    expect(() => policy.personalPaths('journey.employee.hired', {}, { version: 9 })).toThrow(/no version 9/);
    expect(() => policy.personalPaths('journey.employee.hired', {}, {})).toThrow(/metadata.version/);
  });

  it("names the owner the stream's category declares, and refuses streams of no declared category", () => {
    const employeeId = randomUUID();
    expect(policy.subjectOf(journeyStream(employeeId), event)).toBe(employeeId);
    expect(catalogueShreddingPolicy({ categories }).subjectOf(DeskStreams.streamOf(employeeId), event)).toBe(employeeId);
    // The platform declares no poll category: whose data would that be?
    expect(() => policy.subjectOf('poll-123', event)).toThrow(NoPersonalDataOwnerError);
    expect(() => policy.subjectOf('poll-123', event)).toThrow(/no declared stream category/);
  });

  it('refuses personal data in a category that may hold none', () => {
    const withSurveys = catalogueShreddingPolicy({ catalogue, categories });
    expect(() => withSurveys.subjectOf(SurveyStreams.streamOf('s1'), event)).toThrow(/survey stream, which may hold none/);
  });
});

describe('catalogueShreddingPolicy over a real store', () => {
  const open = async () => {
    const inner = await openSqliteEventStore({ path: ':memory:' });
    onTestFinished(() => inner.close());
    return { inner, store: withCryptoShredding(inner, { keys: new InMemoryKeyStore(), ...catalogueShreddingPolicy({ catalogue, categories }) }) };
  };

  it('stores nothing of a batch that puts personal data in an anonymous stream; the same answer without it is stored', async () => {
    const { inner, store } = await open();
    const stream = SurveyStreams.streamOf(randomUUID());
    const anonymous = newEvent(SurveyAnswered, { score: 4 }, context);
    const identifying = newEvent(SurveyAnswered, { score: 2, comment: 'my manager, Bob, ...' }, context);
    await expect(store.appendToStream(stream, [anonymous, identifying])).rejects.toBeInstanceOf(NoPersonalDataOwnerError);
    expect(await inner.readStream(stream)).toEqual([]);
    await store.appendToStream(stream, [anonymous]);
    expect((await inner.readStream(stream)).map((e) => e.data)).toEqual([{ score: 4 }]);
  });

  it("encrypts personal data in a category whose id owns it, under that id's key", async () => {
    const { inner, store } = await open();
    const employeeId = randomUUID();
    await store.appendToStream(DeskStreams.streamOf(employeeId), [newEvent(SurveyAnswered, { score: 5, comment: 'window seat' }, context)]);
    const [raw] = await inner.readStream(DeskStreams.streamOf(employeeId));
    expect(isEncryptedField(raw!.data.comment)).toBe(true);
    expect(raw!.data.comment).toMatchObject({ kid: employeeId });
  });

  it("encrypts a stream's personal data under the key of the employee its events name, and refuses an event naming none", async () => {
    const { inner, store } = await open();
    const requesterId = randomUUID();
    const stream = TicketStreams.streamOf(randomUUID());
    await store.appendToStream(stream, [newEvent(SurveyAnswered, { score: 3, comment: 'the printer again', requesterId }, context)]);
    const [raw] = await inner.readStream(stream);
    expect(raw!.data.comment).toMatchObject({ kid: requesterId });
    expect((await store.readStream(stream))[0]!.data.comment).toBe('the printer again');
    const unowned = newEvent(SurveyAnswered, { score: 1, comment: 'whose?' }, context);
    await expect(store.appendToStream(stream, [unowned])).rejects.toThrow(/names its personal-data owner by requesterId/);
    await expect(store.appendToStream(stream, [unowned])).rejects.toBeInstanceOf(NoPersonalDataOwnerError);
    // Without personal data no owner is needed.
    await store.appendToStream(stream, [newEvent(SurveyAnswered, { score: 2 }, context)]);
    expect(await inner.readStream(stream)).toHaveLength(2);
  });
});
