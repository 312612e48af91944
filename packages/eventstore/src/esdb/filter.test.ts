import { EVENT_TYPE, STREAM_NAME } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { isSystemEvent, planFilter } from './filter.ts';

const event = (streamName: string, type = 'Hired') => ({ streamName, type });

describe('server-side filter', () => {
  it('uses stream prefixes when given (the more selective criterion), even with event types', () => {
    expect(planFilter({ streamPrefixes: ['journey-'] }).server).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['journey-'] });
    expect(planFilter({ streamPrefixes: ['a-'], eventTypes: ['T'] }).server).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['a-'] });
  });

  it('uses event types as prefixes when only they are given', () => {
    expect(planFilter({ eventTypes: ['Hired', 'Left'] }).server).toMatchObject({ filterOn: EVENT_TYPE, prefixes: ['Hired', 'Left'] });
  });

  it('keeps system streams off the wire when nothing is asked for', () => {
    for (const filter of [undefined, {}, { streamPrefixes: [] }, { eventTypes: [] }]) {
      expect(planFilter(filter).server).toMatchObject({ filterOn: STREAM_NAME, regex: '^[^$]' });
    }
  });
});

describe('client-side predicate', () => {
  it('excludes system events: $-prefixed streams or types', () => {
    expect(isSystemEvent(event('$ejp-checkpoint-relay', 'Checkpoint'))).toBe(true);
    expect(isSystemEvent(event('$$journey-1', '$metadata'))).toBe(true);
    expect(isSystemEvent(event('journey-1', '$streamDeleted'))).toBe(true);
    expect(isSystemEvent(event('journey-1'))).toBe(false);
    const all = planFilter();
    expect(all.accepts(event('journey-1'))).toBe(true);
    expect(all.accepts(event('$ce-journey', '$>'))).toBe(false);
  });

  it('matches stream prefixes literally and case-sensitively', () => {
    const { accepts } = planFilter({ streamPrefixes: ['journey-', 'x%_'] });
    expect(accepts(event('journey-1'))).toBe(true);
    expect(accepts(event('Journey-1'))).toBe(false);
    expect(accepts(event('journey_1'))).toBe(false);
    expect(accepts(event('x%_1'))).toBe(true);
    expect(accepts(event('xa_1'))).toBe(false);
  });

  it('matches event types exactly, although the server matched them as prefixes', () => {
    const { accepts } = planFilter({ eventTypes: ['Praised'] });
    expect(accepts(event('s', 'Praised'))).toBe(true);
    expect(accepts(event('s', 'PraisedAgain'))).toBe(false);
  });

  it('applies both criteria together', () => {
    const { accepts } = planFilter({ streamPrefixes: ['a-'], eventTypes: ['T'] });
    expect(accepts(event('a-1', 'T'))).toBe(true);
    expect(accepts(event('a-1', 'U'))).toBe(false);
    expect(accepts(event('b-1', 'T'))).toBe(false);
  });

  it('matches nothing for empty lists, like the SQL adapters', () => {
    expect(planFilter({ streamPrefixes: [] }).accepts(event('a'))).toBe(false);
    expect(planFilter({ eventTypes: [] }).accepts(event('a'))).toBe(false);
  });
});
