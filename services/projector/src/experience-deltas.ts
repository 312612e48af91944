import { addDays, daysBetween } from '@ejp/contracts';
import { type ExperienceMetric, ExperienceMetricsReadModel, type MetricDims, metricCellId, metricKey } from '@ejp/contracts/read-models';
import type { JsonValue } from '@ejp/readstore';
import type { DocumentTarget } from '@ejp/projection-kit';

/**
 * The dated deltas one event adds to experience_metrics. One event writes a
 * cell once (the read store's revision guard would skip a second write of
 * the same event), so its deltas are summed per cell and key first, zeros dropped.
 */

export interface Delta {
  metric: ExperienceMetric;
  day: string;
  dims: MetricDims;
  by: number;
}

/** Each delta counts in its day's cell and in its month's (the roll-up readers take for whole months). */
export function metricTargets(deltas: readonly Delta[]): DocumentTarget[] {
  const cells = new Map<string, { metric: ExperienceMetric; period: 'day' | 'month'; bucket: string; keys: Map<string, MetricDims>; counts: Map<string, number> }>();
  for (const d of deltas) {
    const key = metricKey(d.dims);
    for (const [period, bucket] of [['day', d.day], ['month', d.day.slice(0, 7)]] as const) {
      const id = metricCellId(d.metric, period, bucket);
      const cell = cells.get(id) ?? { metric: d.metric, period, bucket, keys: new Map(), counts: new Map() };
      cell.keys.set(key, d.dims);
      cell.counts.set(key, (cell.counts.get(key) ?? 0) + d.by);
      cells.set(id, cell);
    }
  }
  return [...cells].flatMap(([id, cell]) => {
    const nonZero = [...cell.counts].filter(([, by]) => by !== 0);
    if (nonZero.length === 0) return [];
    const set: Record<string, JsonValue> = { metric: cell.metric, period: cell.period, bucket: cell.bucket };
    const inc: Record<string, number> = {};
    for (const [key, by] of nonZero) {
      set[`keys.${key}`] = cell.keys.get(key)!;
      inc[`counts.${key}`] = by;
    }
    return [{ readModel: ExperienceMetricsReadModel, id, change: { set, inc } }];
  });
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

/**
 * An open item (a task, a suggestion) entering (+1) or leaving (-1) the
 * open state on `day`, with its due day: the open count moves on that day,
 * the overdue count on the later of that day and the day after the due day.
 */
export function openDeltas(metrics: { open: ExperienceMetric; overdue: ExperienceMetric }, dims: MetricDims, day: string, dueOn: string, by: 1 | -1): Delta[] {
  const overdueFrom = addDays(dueOn, 1);
  return [
    { metric: metrics.open, day, dims, by },
    { metric: metrics.overdue, day: day > overdueFrom ? day : overdueFrom, dims, by },
  ];
}
