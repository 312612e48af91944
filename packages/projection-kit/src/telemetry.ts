import type { GlobalPosition } from '@ejp/eventstore';
import { type Counter, metrics, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * The projection kit's spans and metrics: one span per projection's apply
 * (what it decided to write) and one for the batch write, under the bus's
 * `process` span; rebuild progress as a counter and a gauge.
 */

const tracer = trace.getTracer('@ejp/projection-kit');
// Created on first use: the metrics API has no proxy, so an instrument made before the SDK starts stays a no-op.
let rebuildEvents: Counter | undefined;
const rebuildPositions = new Map<string, GlobalPosition>();

function instruments(): Counter {
  if (rebuildEvents) return rebuildEvents;
  const meter = metrics.getMeter('@ejp/projection-kit');
  rebuildEvents = meter.createCounter('ejp.projection.rebuild.events', {
    description: 'Events a rebuild has replayed (handled or skipped), by rebuild',
    unit: '{event}',
  });
  meter
    .createObservableGauge('ejp.projection.rebuild.position', {
      description: 'Global position of the last event a rebuild replayed (compare with the store head)',
      unit: '{position}',
    })
    .addCallback((result) => {
      for (const [rebuild, position] of rebuildPositions) result.observe(Number(position), { rebuild });
    });
  return rebuildEvents;
}

/** After a rebuild page: `events` more replayed, the last at `position`. */
export function recordRebuildPage(rebuild: string, events: number, position: GlobalPosition): void {
  instruments().add(events, { rebuild });
  rebuildPositions.set(rebuild, position);
}

export async function inProjectionSpan<T>(name: string, attributes: Record<string, string | number>, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
