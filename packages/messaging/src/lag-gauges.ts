import type { CheckpointStore, EventStore } from '@ejp/eventstore';
import { metrics, type ObservableGauge } from '@opentelemetry/api';

/**
 * How far behind the event store the followers are: a consumer (the
 * projector, on Kafka or the in-process bus) in events and seconds, the relay
 * in positions and seconds. Observable gauges, read when a metric reader
 * collects (OTLP export or a Prometheus scrape), never on the hot path.
 */

export interface Lag {
  /** Events the follower has not handled yet. */
  events: number;
  /** How old the oldest of them is (0 when caught up). */
  seconds: number;
}

type LagSource = () => Lag | Promise<Lag>;

const meterOf = () => metrics.getMeter('@ejp/messaging');

/**
 * One pair of gauges per metric family; each source adds its own labelled points.
 * The gauges are made at the first registration (the metrics API has no proxy:
 * made before the SDK starts, they would stay no-ops).
 */
function lagFamily(make: () => [ObservableGauge, ObservableGauge], label: string) {
  const sources = new Map<object, { labels: Record<string, string>; read: LagSource }>();
  let made = false;
  const start = () => {
    if (made) return;
    made = true;
    const [events, seconds] = make();
    meterOf().addBatchObservableCallback(
    async (result) => {
      await Promise.all(
        [...sources.values()].map(async ({ labels, read }) => {
          try {
            const lag = await read();
            result.observe(events, lag.events, labels);
            result.observe(seconds, lag.seconds, labels);
          } catch {
            // A store that does not answer now leaves a gap in the series: an alert on absence sees it.
          }
        }),
      );
    },
    [events, seconds],
  );
  };
  return (name: string, read: LagSource): { close(): void } => {
    start();
    const key = {};
    sources.set(key, { labels: { [label]: name }, read });
    return { close: () => void sources.delete(key) };
  };
}

export type ConsumerLagGauges = { close(): void };

/** `ejp.consumer.lag.events` / `.seconds` for one consumer (label `consumer`: the handler's name). */
export const consumerLagGauges = lagFamily(
  () => [
    meterOf().createObservableGauge('ejp.consumer.lag.events', { description: 'Events the consumer (a projection runner) has not handled yet', unit: '{event}' }),
    meterOf().createObservableGauge('ejp.consumer.lag.seconds', { description: 'How long the consumer has been behind: age of its oldest unhandled event (0 when caught up)', unit: 's' }),
  ],
  'consumer',
);

/** `ejp.relay.lag.events` / `.seconds` for one relay (label `relay`: its relay id). */
export const relayLagGauges = lagFamily(
  () => [
    meterOf().createObservableGauge('ejp.relay.lag.events', { description: 'Published events after the relay checkpoint: positions behind the store', unit: '{event}' }),
    meterOf().createObservableGauge('ejp.relay.lag.seconds', { description: 'Age of the oldest event the relay has not published (0 when caught up)', unit: 's' }),
  ],
  'relay',
);

/** Counted up to this many events per collection: past it, the number says "at least". */
export const LAG_COUNT_CAP = 1000;

/**
 * Registers the lag of a store follower under `name` with `family` (consumerLagGauges,
 * relayLagGauges), when its store can be read from a position; else nothing is observed.
 */
export function watchStoreFollower(
  family: (name: string, read: LagSource) => { close(): void },
  name: string,
  follower: Omit<StoreFollower, 'store'> & { store: Partial<Pick<EventStore, 'readAll'>> },
): { close(): void } {
  const { store } = follower;
  if (!store.readAll) return { close: () => {} };
  return family(name, storeFollowerLag({ ...follower, store: { readAll: store.readAll.bind(store) } }));
}

export interface StoreFollower {
  store: Pick<EventStore, 'readAll'>;
  checkpoints: Pick<CheckpointStore, 'load'>;
  checkpointId: string;
  streamPrefixes: string[];
}

/**
 * The lag of a subscriber that checkpoints its position in the store
 * (the relay, a handler of the in-process bus): the published events after
 * its checkpoint, counted up to LAG_COUNT_CAP, and the age of the first.
 */
export function storeFollowerLag(follower: StoreFollower): () => Promise<Lag> {
  return async () => {
    const after = await follower.checkpoints.load(follower.checkpointId);
    const pending = await follower.store.readAll({
      ...(after === undefined ? {} : { after }),
      maxCount: LAG_COUNT_CAP,
      filter: { streamPrefixes: follower.streamPrefixes },
    });
    const first = pending[0];
    return { events: pending.length, seconds: first ? Math.max(0, (Date.now() - first.recordedAt.getTime()) / 1000) : 0 };
  };
}
