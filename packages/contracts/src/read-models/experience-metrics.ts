import { z } from 'zod';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

/**
 * Company-level experience figures as DATED DELTAS: a counter per metric,
 * dimension values and the UTC day of the change, incremented (or
 * decremented: a task done, a suggestion answered, a departure's reason
 * learnt late) on that day. The figure as of D is the sum of the deltas of
 * days up to D. No employee id is stored; readers
 * apply the minimum group size below company level.
 */

export const EXPERIENCE_METRICS = [
  /** dims: department. +1 on hire/rehire, moved by a position change, -1 on departure. */
  'headcount',
  /** +1 when an onboarding plan is assigned. */
  'onboarding-started',
  /** dims: days (start date to completion). */
  'onboarding-completed',
  /** dims: owner. +1 assigned, -1 done (or closed by the end of onboarding, a departure, a start-date move). */
  'task-open',
  /**
   * dims: owner. The same tasks dated by when they are overdue: +1 on the day
   * after the due day (or on the assignment, if later), -1 on the day it
   * closes (or on that day after the due day, if it closed earlier: then the
   * two cancel). Its sum up to D is the tasks overdue on D, with no due-day
   * dimension to multiply the cells.
   */
  'task-overdue',
  /** dims: departedOn, primaryReason, department, tenureBand, voluntary, regrettable. */
  'departure',
  /** dims: month (given), department, valueId. -1 on withdrawal, on its day. */
  'recognition',
  /** dims: none. +1 on the day an employee's 90-day recognised window opens, -1 the day after it closes. */
  'recognised',
  /** dims: category. */
  'suggestion-submitted',
  /** dims: category, days (submitted to first answer). */
  'suggestion-answered',
  /** dims: category. +1 submitted, -1 first answer. */
  'suggestion-open',
  /** dims: category. Overdue as 'task-overdue' is: from the day after the deadline to the first answer. */
  'suggestion-overdue',
] as const;
export type ExperienceMetric = (typeof EXPERIENCE_METRICS)[number];

const dimValue = z.union([z.string(), z.number(), z.boolean()]);
const dimsSchema = z.record(z.string(), dimValue);
export type MetricDims = z.output<typeof dimsSchema>;

/**
 * One metric's counters of one day, or of one whole month (the day cells'
 * roll-up, written with them): a figure as of D sums the month cells before
 * D's month and the day cells of D's month up to D, so it reads at most
 * ~24 + 31 documents a metric per two years, however many employees. The
 * counters of one cell are keyed by their dimension values' hash
 * (`metricKey`), the values themselves kept beside them in `keys`.
 */
export const experienceMetricCellSchema = z.object({
  metric: z.enum(EXPERIENCE_METRICS),
  period: z.enum(['day', 'month']),
  bucket: z.string().describe('YYYY-MM-DD for a day cell, YYYY-MM for a month cell.'),
  keys: z.record(z.string(), dimsSchema),
  counts: z.record(z.string(), z.int()),
});
export type ExperienceMetricCell = z.output<typeof experienceMetricCellSchema>;

export const ExperienceMetricsReadModel = defineReadModel({
  collection: 'experience_metrics',
  schema: experienceMetricCellSchema,
  idIs: 'metric, period and bucket, joined by |',
  // Every query: one metric, a period, a range of buckets.
  indexes: [['metric', 'period', 'bucket']],
});
export type ExperienceMetricDocument = ReadModelDocument<typeof ExperienceMetricsReadModel>;

export function metricCellId(metric: ExperienceMetric, period: 'day' | 'month', bucket: string): string {
  return `${metric}|${period}|${bucket}`;
}

/** The field name of one combination of dimension values (read-store paths are identifiers). */
export function metricKey(dims: MetricDims): string {
  const canonical = Object.keys(dims)
    .sort()
    .map((name) => `${name}=${String(dims[name])}`)
    .join('|');
  return `h${fnv1a(canonical, 0x811c9dc5)}${fnv1a(canonical, 0x01000193)}${canonical.length.toString(36)}`;
}

/** 32-bit FNV-1a from a seed, hex: no crypto module, so the contracts stay usable in a browser. */
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
