import { ServiceRequestsReadModel } from '@ejp/contracts/read-models';
import type { ReadStore } from '@ejp/readstore';
import { metrics } from '@opentelemetry/api';

/** Counted up to this many pages of 1000: past it the gauge says "at least". */
const MAX_PAGES = 10;

// Made per registration, after the SDK started (the metrics API has no proxy).
const breachingGauge = () => metrics.getMeter('@ejp/journey-api').createObservableGauge('ejp.slo.service_requests.first_response_breached', {
  description: 'Open service requests still without a first response past their first-response deadline',
  unit: '{request}',
});

/** Open requests with no first response whose first-response deadline has passed, from the service-requests read model. */
export async function countFirstResponseBreaches(readStore: ReadStore, now: Date = new Date()): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await readStore.query(ServiceRequestsReadModel.collection, {
      where: { open: true, firstResponseAt: null, firstResponseDueAt: { lt: now.toISOString() } },
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    count += result.items.length;
    cursor = result.nextCursor;
    if (cursor === undefined) break;
  }
  return count;
}

/**
 * The service desk's first-response SLO as a gauge, read from the read model
 * when metrics are collected. Returns the unregister function (on app close).
 */
export function observeServiceRequestSlo(readStore: ReadStore): () => void {
  const observe = async (result: { observe(value: number): void }) => {
    try {
      result.observe(await countFirstResponseBreaches(readStore));
    } catch {
      // The read store is down: no point this time (the readiness probe says why).
    }
  };
  const gauge = breachingGauge();
  gauge.addCallback(observe);
  return () => gauge.removeCallback(observe);
}
