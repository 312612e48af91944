import { AsyncLocalStorage } from 'node:async_hooks';
import { type EventStoreDBClient, START } from '@eventstore/db-client';
import type { SubscribeToAllOptions, Subscription } from '../port.ts';
import { planFilter } from './filter.ts';
import { toEsdbPosition, toRecordedEvent } from './mapping.ts';

/** Marks handler calls, so that stop() called from inside a handler does not wait for itself. */
const insideHandler = new AsyncLocalStorage<object>();

/**
 * subscribeToAll on the server's catch-up subscription: the server reads
 * history from `after` and switches to live delivery itself (and falls back
 * to catch-up if we are too slow), in $all order, so there is no seam to
 * stitch here. We consume it with `for await`, which asks for the next event
 * only after the handler's promise resolved: one handler call at a time, and
 * backpressure reaches the gRPC stream.
 *
 * The server treats the start position as exclusive; events at or before the
 * last position seen are skipped anyway, so a resend can never double a
 * delivery. Handler errors, stream errors (connection loss, access denied)
 * and an unexpected end of the stream stop the subscription and go to
 * onError; stop() does not.
 */
export function startSubscription(client: EventStoreDBClient, options: SubscribeToAllOptions): Subscription {
  const plan = planFilter(options.filter);
  const source = client.subscribeToAll({
    fromPosition: options.after === undefined ? START : toEsdbPosition(options.after),
    filter: plan.server,
  });
  const token = {};
  let stopped = false;

  const release = () => {
    // Cancelling the call ends the server side; destroying the Readable ends our `for await`
    // (the client only cancels the gRPC call, it never ends the Readable it pipes into).
    void source.unsubscribe().catch(() => undefined);
    source.destroy();
  };

  const run = async () => {
    let last = options.after;
    try {
      for await (const resolved of source) {
        if (stopped) return;
        const event = toRecordedEvent(resolved);
        if (!event || (last !== undefined && event.position <= last)) continue;
        last = event.position;
        if (!plan.accepts(event)) continue;
        await insideHandler.run(token, () => options.handler(event));
      }
      if (!stopped) throw new Error('EventStoreDB ended the subscription to $all');
    } catch (error) {
      if (!stopped) throw error;
    } finally {
      stopped = true;
      release();
    }
  };

  const done = run().then(
    () => undefined,
    (error: unknown) => {
      try {
        options.onError?.(error);
      } catch {
        // An onError that throws must not turn `done` into a rejection nobody awaits.
      }
    },
  );

  return {
    done,
    stop() {
      if (!stopped) {
        stopped = true;
        release();
      }
      return insideHandler.getStore() === token ? Promise.resolve() : done;
    },
  };
}
