import { randomUUID } from 'node:crypto';
import type { Target } from './targets.ts';

export interface Workload {
  /** Events per append. */
  batch: number;
  /** Concurrent writers, each on its own stream. */
  writers: number;
}

export const workloadName = (w: Workload) => `${w.batch} event${w.batch > 1 ? 's' : ''} × ${w.writers} writer${w.writers > 1 ? 's' : ''}`;

export interface Sample {
  appends: number;
  elapsedMs: number;
  /** Latency of every append, ms. */
  latencies: number[];
}

/**
 * Fixed duration: every writer appends in a loop until the deadline; the
 * appends in flight at the deadline still count, and so does their time.
 * Streams are fresh for every phase, so a stream's first append
 * ('no-stream') is part of every run alike.
 */
export async function runPhase(target: Target, workload: Workload, durationMs: number): Promise<Sample> {
  const run = randomUUID().slice(0, 8);
  const writers = Array.from({ length: workload.writers }, (_, w) => target.writer(`bench-${run}-${w}`, workload.batch));
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    writers.map(async (append) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await append();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { appends: latencies.length, elapsedMs: performance.now() - start, latencies };
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Summary {
  appendsPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  appends: number;
}

export function summarize(sample: Sample, workload: Workload): Summary {
  const appendsPerSecond = (sample.appends / sample.elapsedMs) * 1_000;
  return {
    appendsPerSecond,
    eventsPerSecond: appendsPerSecond * workload.batch,
    p50: percentile(sample.latencies, 50),
    p99: percentile(sample.latencies, 99),
    appends: sample.appends,
  };
}
