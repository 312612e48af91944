import { ANY, NO_STREAM, type ResolvedEvent, STREAM_EXISTS } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import {
  checkMaxCount,
  fromEsdbCurrentRevision,
  fromEsdbPosition,
  parsePosition,
  positionToString,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEventData,
  toRecordedEvent,
} from './mapping.ts';

// Pure conversions: these run everywhere, with or without an EventStoreDB server.

describe('expected revision', () => {
  it('maps each expectation onto the client constant, a revision onto itself', () => {
    expect(toEsdbExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision(0n)).toBe(0n);
    expect(toEsdbExpectedRevision(2n ** 63n - 1n)).toBe(2n ** 63n - 1n);
  });

  it("reads the server's current revision back as the port's actual", () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('no-stream');
    expect(fromEsdbCurrentRevision(-1n)).toBe('no-stream'); // the client's "failed append" convention
    expect(fromEsdbCurrentRevision(0n)).toBe(0n);
    expect(fromEsdbCurrentRevision(41n)).toBe(41n);
  });
});

describe('positions', () => {
  it('uses the commit position, and rebuilds an exact position from it (commit == prepare for gRPC appends)', () => {
    expect(fromEsdbPosition({ commit: 1234n, prepare: 1234n })).toBe(1234n);
    expect(toEsdbPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(fromEsdbPosition(toEsdbPosition(2n ** 64n - 1n))).toBe(2n ** 64n - 1n);
    expect(() => toEsdbPosition(-1n)).toThrow(RangeError);
  });

  it('serializes positions as decimal strings, exactly, and rejects anything else', () => {
    const big = 2n ** 63n - 1n;
    expect(positionToString(big)).toBe('9223372036854775807');
    expect(parsePosition(positionToString(big))).toBe(big);
    expect(parsePosition('0')).toBe(0n);
    for (const bad of [12, '', '-1', '1e3', ' 1', '0x10', null, undefined, '123456789012345678901']) {
      expect(() => parsePosition(bad)).toThrow();
    }
  });
});

describe('events', () => {
  const id = '0b2a4c3e-8f1d-4c7b-9a2e-5d6f7a8b9c0d';

  it('sends a JSON event with its id, type, data and metadata (an object even when absent)', () => {
    expect(toEventData({ id, type: 'EmployeeHired.v1', data: { employeeId: 'e1' }, metadata: { version: 1 } })).toEqual({
      id,
      contentType: 'application/json',
      type: 'EmployeeHired.v1',
      data: { employeeId: 'e1' },
      metadata: { version: 1 },
    });
    expect(toEventData({ id, type: 'T', data: {} }).metadata).toEqual({});
  });

  const recorded = (overrides: Record<string, unknown> = {}) =>
    ({
      event: {
        streamId: 'journey-e1',
        id: id.toUpperCase(),
        isJson: true,
        revision: 3n,
        type: 'EmployeeHired.v1',
        created: new Date('2026-01-02T03:04:05Z'),
        data: { employeeId: 'e1' },
        metadata: { correlationId: 'c' },
        position: { commit: 900n, prepare: 900n },
        ...overrides,
      },
    }) as unknown as ResolvedEvent;

  it('converts a read event, with a lower-case id and the commit position', () => {
    expect(toRecordedEvent(recorded())).toEqual({
      id,
      type: 'EmployeeHired.v1',
      data: { employeeId: 'e1' },
      metadata: { correlationId: 'c' },
      streamName: 'journey-e1',
      revision: 3n,
      position: 900n,
      recordedAt: new Date('2026-01-02T03:04:05Z'),
    });
  });

  it('falls back to the resolved commit position, and refuses an event without any', () => {
    const withoutOwn = { ...recorded({ position: undefined }), commitPosition: 77n } as ResolvedEvent;
    expect(toRecordedEvent(withoutOwn)?.position).toBe(77n);
    expect(() => toRecordedEvent(recorded({ position: undefined }))).toThrow(/no position/);
  });

  it('gives missing metadata as {} and wraps data that is not a JSON object', () => {
    expect(toRecordedEvent(recorded({ metadata: undefined }))?.metadata).toEqual({});
    expect(toRecordedEvent(recorded({ data: new Uint8Array([1, 2, 3]), isJson: false }))?.data).toEqual({ $binary: 'AQID' });
    expect(toRecordedEvent(recorded({ data: [1, 2] }))?.data).toEqual({ $value: [1, 2] });
  });

  it('skips a link whose target event is gone', () => {
    expect(toRecordedEvent({} as ResolvedEvent)).toBeUndefined();
  });
});

describe('maxCount', () => {
  it('accepts undefined and non-negative integers only', () => {
    expect(checkMaxCount(undefined)).toBeUndefined();
    expect(checkMaxCount(0)).toBe(0);
    expect(checkMaxCount(10)).toBe(10);
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => checkMaxCount(bad)).toThrow(RangeError);
  });
});
