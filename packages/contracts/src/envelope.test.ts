import { describe, expect, it } from 'vitest';
import { newEvent } from './define-event.ts';
import { appendMetadata, envelopeOf, isValidTraceparent, traceparentSchema } from './envelope.ts';
import { CheckInRecorded } from './events/onboarding.ts';

const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const context = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'req-1', causationId: 'cmd-1', traceparent: TRACE };

describe('traceparent', () => {
  it.each([TRACE, '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future'])(
    'accepts %s',
    (value) => {
      expect(traceparentSchema.safeParse(value).success).toBe(true);
    },
  );

  it.each([
    ['upper case', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
    ['zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['suffix on version 00', `${TRACE}-extra`],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01'],
    ['empty', ''],
  ])('rejects %s', (_, value) => {
    expect(isValidTraceparent(value)).toBe(false);
    expect(traceparentSchema.safeParse(value).success).toBe(false);
  });
});

describe('append metadata and envelope', () => {
  it('builds metadata with the version and causation', () => {
    const occurredAt = new Date('2025-03-03T09:00:00.000Z');
    expect(appendMetadata(2, { ...context, occurredAt })).toEqual({
      version: 2,
      occurredAt: '2025-03-03T09:00:00.000Z',
      actor: { id: 'hr-1', kind: 'hr' },
      correlationId: 'req-1',
      causationId: 'cmd-1',
      traceparent: TRACE,
    });
  });

  it('refuses an unknown actor kind or a bad traceparent', () => {
    expect(() => appendMetadata(1, { ...context, actor: { id: 'x', kind: 'robot' as 'system' } })).toThrow();
    expect(() => appendMetadata(1, { ...context, traceparent: 'nope' })).toThrow();
  });

  it('newEvent validates the data and stamps the current version', () => {
    const event = newEvent(CheckInRecorded, { day: 30, rating: 5, notes: undefined }, { ...context, id: 'f1c7b6a4-1d2e-4f3a-8b9c-0d1e2f3a4b5c' });
    expect(event).toMatchObject({ id: 'f1c7b6a4-1d2e-4f3a-8b9c-0d1e2f3a4b5c', type: 'journey.onboarding.check-in-recorded', data: { day: 30, rating: 5 } });
    expect(Object.keys(event.data)).toEqual(['day', 'rating']);
    expect(event.metadata.version).toBe(1);
    expect(() => newEvent(CheckInRecorded, { day: 45 as 30, rating: 5 }, context)).toThrow();
  });

  it('turns a recorded event into a valid envelope, positions as strings', () => {
    const event = newEvent(CheckInRecorded, { day: 60, rating: 3 }, context);
    const envelope = envelopeOf({
      ...event,
      streamName: 'journey-e1',
      revision: 4n,
      position: 18446744073709551615n,
      recordedAt: new Date('2025-03-03T09:00:01.000Z'),
    });
    expect(envelope).toMatchObject({ eventId: event.id, version: 1, stream: 'journey-e1', revision: '4', globalPosition: '18446744073709551615', traceparent: TRACE });
  });

  it('envelopeOf fails loudly on metadata it did not write', () => {
    const recorded = { id: 'f1c7b6a4-1d2e-4f3a-8b9c-0d1e2f3a4b5c', type: 't.x', data: {}, metadata: {}, streamName: 's', revision: 0n, position: 0n, recordedAt: new Date() };
    expect(() => envelopeOf(recorded)).toThrow();
  });
});
