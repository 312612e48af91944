import { defineEvent } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordedEvent } from '../src/recorded-event.ts';

const Moved = defineEvent({
  type: 'test.thing.moved',
  version: 1,
  schema: z.strictObject({ from: z.int(), to: z.int() }).refine((d) => d.to !== d.from, { message: 'must move', path: ['to'] }),
  title: 'Moved',
});

describe('recordedEvent', () => {
  it('builds the event from valid data and hands a broken rule’s field and message to the service’s error', () => {
    expect(recordedEvent(Moved, { from: 1, to: 2 }, () => new Error('unused'))).toEqual({ type: 'test.thing.moved', data: { from: 1, to: 2 } });
    expect(() => recordedEvent(Moved, { from: 1, to: 1 }, (field, message) => new Error(`${field}: ${message}`))).toThrow('to: must move');
  });
});
