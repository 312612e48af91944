import { addDays, daysBetween } from '@ejp/contracts';
import { type ExperienceMetric, ExperienceMetricsReadModel, type MetricDims, metricCellId } from '@ejp/contracts/read-models';
import type { DocumentTarget } from '@ejp/projection-kit';

/**
 * The dated deltas one event adds to experience_metrics. One event writes a
 * cell once (the read store's revision guard would skip a second write of
 * the same event), so deltas are summed per cell first and zeros dropped.
 */

export interface Delta {
  metric: ExperienceMetric;
  day: string;
  dims: MetricDims;
  by: number;
}

export function metricTargets(deltas: readonly Delta[]): DocumentTarget[] {
  const merged = new Map<string, Delta>();
  for (const d of deltas) {
    const id = metricCellId(d.metric, d.day, d.dims);
    const seen = merged.get(id);
    merged.set(id, seen ? { ...seen, by: seen.by + d.by } : d);
  }
  return [...merged]
    .filter(([, d]) => d.by !== 0)
    .map(([id, d]) => ({ readModel: ExperienceMetricsReadModel, id, change: { set: { metric: d.metric, day: d.day, dims: d.dims }, inc: { count: d.by } } }));
}

/** Days in the recognised window of one recognition: it counts on its day and the 89 after (recognised "in the last 90 days"). */
export const WINDOW_DAYS = 90;

/**
 * The 'recognised' deltas of adding a recognition on `day` to an employee
 * recognised on `earlier` days: +1 where a run of days not yet covered by
 * any window starts, -1 on the day after it ends. Their sum up to D is
 * whether the employee was recognised in the 90 days up to D, so the sum
 * over everyone is the count of people recognised: no per-person read.
 */
export function windowDeltas(earlier: readonly string[], day: string): Delta[] {
  const covered = (t: string) => earlier.some((x) => x <= t && daysBetween(x, t) < WINDOW_DAYS);
  const deltas: Delta[] = [];
  let runStart: string | null = null;
  for (let i = 0; i <= WINDOW_DAYS; i++) {
    const t = addDays(day, i);
    const open = i < WINDOW_DAYS && !covered(t);
    if (open && runStart === null) runStart = t;
    if (!open && runStart !== null) {
      deltas.push({ metric: 'recognised', day: runStart, dims: {}, by: 1 }, { metric: 'recognised', day: t, dims: {}, by: -1 });
      runStart = null;
    }
  }
  return deltas;
}
