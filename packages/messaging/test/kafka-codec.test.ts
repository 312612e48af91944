import { randomUUID } from 'node:crypto';
import { catalogueJsonSchemas, EmployeeHired, envelopeOf, eventCatalogue, journeyStream, newEvent, streamCategories } from '@ejp/contracts';
import { type CloudEvent, type CloudEventV1, Kafka } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { envelopeOfRecorded } from '../src/cloudevents/recorded-envelope.ts';
import { dataSchemaOf, fromKafkaMessage, type JourneyEnvelope, kafkaCodecOf, NotAJourneyEventError, toCloudEvent, toKafkaMessage } from '../src/index.ts';
import { SettingsStreams, SurveyAnswered, SurveyStreams, withSurveys } from './support/survey-streams.ts';

const employeeId = randomUUID();

function recorded() {
  const event = newEvent(
    EmployeeHired,
    { employeeId, email: 'ada@example.com', department: 'R&D', role: 'Engineer', level: 'L4', managerId: null, location: 'London', startDate: '2025-01-06', givenName: 'Ada', familyName: 'Lovelace' },
    { actor: { id: 'hr-7', kind: 'hr' }, correlationId: 'req-1', causationId: 'cmd-1' },
  );
  return { ...event, streamName: journeyStream(employeeId), revision: 0n, position: 9n, recordedAt: new Date() };
}

function envelope(overrides: Partial<JourneyEnvelope> = {}): JourneyEnvelope {
  const event = newEvent(
    EmployeeHired,
    {
      employeeId,
      email: 'ada@example.com',
      department: 'R&D',
      role: 'Engineer',
      level: 'L4',
      managerId: null,
      location: 'London',
      startDate: '2025-01-06',
      givenName: 'Ada',
      familyName: 'Lovelace',
    },
    { actor: { id: 'hr-7', kind: 'hr' }, correlationId: 'req-1', causationId: 'cmd-1', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  );
  const recorded = { ...event, streamName: journeyStream(employeeId), revision: 4n, position: 1234n, recordedAt: new Date('2025-01-01T10:00:00.123Z') };
  return { ...envelopeOf(recorded), ...overrides };
}

/** What a consumer gets back from kafkajs: buffers everywhere. */
function asReceived(message: ReturnType<typeof toKafkaMessage>) {
  const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, Buffer.from(v)]));
  return { key: Buffer.from(message.key), value: message.value as Buffer, headers };
}

/** A message as the SDK's Kafka binding expects it: string headers and value. */
function asReceivedStrings(message: ReturnType<typeof toKafkaMessage>): Parameters<typeof Kafka.toEvent>[0] {
  return { headers: message.headers, key: message.key, value: message.value!.toString(), body: message.value } as Parameters<typeof Kafka.toEvent>[0];
}

describe('CloudEvents Kafka codec', () => {
  it('writes binary-mode ce_ headers with the envelope as extensions, keyed by employee id', () => {
    const message = toKafkaMessage(envelope());
    expect(message.key).toBe(employeeId);
    expect(message.headers).toMatchObject({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_type: 'journey.employee.hired',
      ce_source: '/ejp/onboarding',
      ce_subject: employeeId,
      ce_stream: journeyStream(employeeId),
      ce_dataversion: '2',
      ce_dataschema: 'http://relay:3000/schemas/events/journey.employee.hired.v2.json',
      ce_streamrevision: '4',
      ce_globalposition: '1234',
      ce_correlationid: 'req-1',
      ce_causationid: 'cmd-1',
      ce_traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      ce_actorid: 'hr-7',
      ce_actorkind: 'hr',
      ce_recordedat: '2025-01-01T10:00:00.123Z',
    });
    // Binding leftovers that binary mode must not carry.
    expect(Object.keys(message.headers)).not.toContain('ce_partitionkey');
    expect(Object.keys(message.headers)).not.toContain('ce_datacontenttype');
    expect(Object.values(message.headers)).not.toContain('undefined');
  });

  it('parses back into the same envelope and data', () => {
    const original = envelope();
    expect(fromKafkaMessage(asReceived(toKafkaMessage(original)))).toEqual(original);
  });

  it('writes, for every catalogue type and version, exactly the attributes of the SDK-validated CloudEvent', () => {
    for (const { definition, version } of eventCatalogue.entries()) {
      for (const traceparent of [undefined, '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']) {
        const { traceparent: _, ...base } = envelope();
        const e: JourneyEnvelope = { ...base, type: definition.type, version, ...(traceparent ? { traceparent } : {}) };
        const validated = toCloudEvent(e); // strict: throws on any non-conforming attribute
        const expected = Object.fromEntries(
          Object.entries(validated)
            .filter(([name, value]) => value !== undefined && !['data', 'datacontenttype', 'partitionkey'].includes(name))
            .map(([name, value]) => [`ce_${name}`, String(value)]),
        );
        const { 'content-type': contentType, ...ceHeaders } = toKafkaMessage(e).headers;
        expect(ceHeaders, `${definition.type} v${version}`).toEqual(expected);
        expect(contentType).toBe(validated.datacontenttype);
        const parsed = Kafka.toEvent(asReceivedStrings(toKafkaMessage(e))) as CloudEvent;
        expect(parsed.validate()).toBe(true);
      }
    }
  });

  it("is read back by the SDK's own Kafka binding (Kafka.toEvent) with every attribute", () => {
    const original = envelope();
    const message = toKafkaMessage(original);
    const event = Kafka.toEvent(asReceivedStrings(message)) as CloudEventV1<unknown>;
    expect(event).toMatchObject({
      specversion: '1.0',
      id: original.eventId,
      type: original.type,
      subject: employeeId,
      time: original.occurredAt,
      datacontenttype: 'application/json',
      dataschema: 'http://relay:3000/schemas/events/journey.employee.hired.v2.json',
      data: original.data,
      streamrevision: '4',
      correlationid: 'req-1',
      traceparent: original.traceparent,
    });
  });

  it('points dataschema at the JSON Schema file of the stored version, under the configured base', () => {
    const codec = kafkaCodecOf(streamCategories, { dataSchemaBase: 'https://events.example.com/ejp/' });
    const v1 = { ...envelope(), version: 1 };
    expect(codec.toKafkaMessage(v1).headers.ce_dataschema).toBe('https://events.example.com/ejp/schemas/events/journey.employee.hired.v1.json');
    for (const { definition, version } of eventCatalogue.entries()) {
      expect(catalogueJsonSchemas().map((s) => s.file)).toContain(`docs/${new URL(dataSchemaOf('http://relay:3000', definition.type, version)).pathname.slice(1)}`);
    }
  });

  it('round-trips an envelope without traceparent', () => {
    const { traceparent: _, ...withoutTrace } = envelope();
    expect(fromKafkaMessage(asReceived(toKafkaMessage(withoutTrace)))).toEqual(withoutTrace);
  });

  it("maps a stored event like contracts' envelopeOf, without its zod cost", () => {
    const event = recorded();
    expect(envelopeOfRecorded(event)).toEqual(envelopeOf(event));
    expect(() => envelopeOfRecorded({ ...event, metadata: { ...event.metadata, correlationId: 42 } })).toThrow(NotAJourneyEventError);
    expect(() => envelopeOfRecorded({ ...event, metadata: {} })).toThrow(/metadata.version/);
  });

  it('refuses a stream of no declared category, and one of a category that is not published', () => {
    // The platform declares no poll category: its codec cannot tell the subject.
    expect(() => toKafkaMessage(envelope({ stream: 'poll-123' }))).toThrow(/no declared stream category/);
    expect(() => kafkaCodecOf(withSurveys).toKafkaMessage(envelope({ stream: SettingsStreams.streamOf('org') }))).toThrow(/not published/);
  });

  it("keys a message of any declared category by that category's subject, and decodes it back to the same stream", () => {
    const surveyId = randomUUID();
    const stream = SurveyStreams.streamOf(surveyId);
    const answered = newEvent(SurveyAnswered, { question: 'q1', score: 5 }, { actor: { id: 'svc', kind: 'service' }, correlationId: 'c', causationId: 'c' });
    const original = envelopeOf({ ...answered, streamName: stream, revision: 0n, position: 7n, recordedAt: new Date() });
    const codec = kafkaCodecOf(withSurveys);
    const message = codec.toKafkaMessage(original);
    expect(message.key).toBe(surveyId);
    expect(message.headers).toMatchObject({ ce_subject: surveyId, ce_stream: stream, ce_type: SurveyAnswered.type });
    expect(codec.fromKafkaMessage(asReceived(message))).toEqual(original);
    // A consumer whose build does not declare the category yet still gets the stream, as with an unknown type.
    expect(fromKafkaMessage(asReceived(message)).stream).toBe(stream);
  });

  it('decodes a message relayed before ce_stream existed as an event of the journey stream of its subject', () => {
    const original = envelope();
    const { ce_stream: _, ...headers } = toKafkaMessage(original).headers;
    expect(headers).not.toHaveProperty('ce_stream');
    expect(fromKafkaMessage(asReceived({ ...toKafkaMessage(original), headers }))).toEqual(original);
  });

  it('refuses a ce_stream whose subject is not ce_subject (forged or mixed-up headers)', () => {
    const message = toKafkaMessage(envelope());
    const forged = { ...message, headers: { ...message.headers, ce_stream: journeyStream(randomUUID()) } };
    expect(() => fromKafkaMessage(asReceived(forged))).toThrow(/is not the subject of ce_stream/);
    const survey = kafkaCodecOf(withSurveys);
    const asSurvey = { ...message, headers: { ...message.headers, ce_stream: SurveyStreams.streamOf('other') } };
    expect(() => survey.fromKafkaMessage(asReceived(asSurvey))).toThrow(/is not the subject of ce_stream/);
  });

  it('rejects messages that are not journey CloudEvents', () => {
    const good = asReceived(toKafkaMessage(envelope()));
    expect(() => fromKafkaMessage({ key: null, value: Buffer.from('{}'), headers: {} })).toThrow(NotAJourneyEventError);
    expect(() => fromKafkaMessage({ ...good, value: null })).toThrow(NotAJourneyEventError);
    expect(() => fromKafkaMessage({ ...good, key: Buffer.from('someone-else') })).toThrow(/differs from ce_subject/);
    const { ce_streamrevision: _, ...missingRevision } = good.headers;
    expect(() => fromKafkaMessage({ ...good, headers: missingRevision })).toThrow();
    expect(() => fromKafkaMessage({ ...good, value: Buffer.from('not json') })).toThrow();
  });
});
