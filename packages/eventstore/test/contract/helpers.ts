import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, JsonObject, RecordedEvent, SubscribeToAllOptions } from '../../src/port.ts';

/** What every contract test gets: the adapter under test, opened once per suite by the factory. */
export interface ContractContext {
  readonly store: EventStore;
}

/**
 * Tests share one store (an EventStoreDB server cannot be emptied per test),
 * so each test works in streams of its own: a prefix nobody else uses.
 */
export function uniquePrefix(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}-`;
}

export function newEvent(type = 'ContractTested', data: JsonObject = {}): EventToAppend {
  return { id: randomUUID(), type, data };
}

export function newEvents(count: number, type = 'ContractTested'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { i }));
}

/** The store's current end, as a position to read or subscribe after: the position of a fresh marker event. */
export async function headPosition(store: EventStore): Promise<bigint> {
  const { position } = await store.appendToStream(`contract-marker-${randomUUID()}`, [newEvent('Marker')]);
  return position;
}

export async function waitUntil(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Subscribes and collects deliveries; `stop()` ends the subscription and returns what arrived. */
export function collect(store: EventStore, options: Omit<SubscribeToAllOptions, 'handler'>) {
  const delivered: RecordedEvent[] = [];
  const errors: unknown[] = [];
  const subscription = store.subscribeToAll({
    ...options,
    handler: async (event) => {
      delivered.push(event);
    },
    onError: (error) => errors.push(error),
  });
  return {
    delivered,
    errors,
    subscription,
    async waitFor(count: number, timeoutMs = 10_000) {
      await waitUntil(() => delivered.length >= count || errors.length > 0, timeoutMs, `${count} deliveries`);
      if (errors.length > 0) throw errors[0];
    },
  };
}

export function idsOf(events: readonly { id: string }[]): string[] {
  return events.map((event) => event.id);
}

export function expectIncreasing(values: readonly bigint[]): void {
  for (let i = 1; i < values.length; i++) {
    if (values[i]! <= values[i - 1]!) throw new Error(`not strictly increasing at ${i}: ${values[i - 1]} then ${values[i]}`);
  }
}
