import { describe, expect, it } from 'vitest';
import { documentedMetrics, expectedPrometheusName, registeredMetrics } from './metric-docs.ts';

const KINDS: Record<string, string> = {
  Counter: 'counter',
  ObservableCounter: 'counter',
  UpDownCounter: 'gauge',
  ObservableUpDownCounter: 'gauge',
  Gauge: 'gauge',
  ObservableGauge: 'gauge',
  Histogram: 'histogram',
};

describe('the metric table of docs/operations.md', () => {
  const documented = documentedMetrics();
  const registered = registeredMetrics();

  it('found the instruments in the code', () => {
    expect(registered.map((m) => m.name)).toEqual(expect.arrayContaining(['ejp.commands', 'ejp.messaging.dead_letters', 'ejp.consumer.lag.seconds']));
  });

  it('lists every metric the code registers, with its type', () => {
    for (const metric of registered) {
      const row = documented.find((d) => d.otel === metric.name);
      expect(row, `${metric.name} (${metric.file}) is not in docs/operations.md`).toBeDefined();
      expect(row!.type, `${metric.name}: documented type`).toBe(KINDS[metric.kind]);
    }
  });

  it('lists no metric the code does not register', () => {
    const names = new Set(registered.map((m) => m.name));
    expect(documented.filter((d) => !names.has(d.otel)).map((d) => d.otel)).toEqual([]);
  });

  it('gives each the name Prometheus sees', () => {
    for (const metric of documented) expect(metric.prometheus, metric.otel).toBe(expectedPrometheusName(metric));
  });
});
