import { z } from 'zod';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

/**
 * Company-level experience figures as DATED DELTAS: a counter per metric,
 * dimensions and the UTC day the change was recorded, incremented (or
 * decremented: a task done, a suggestion answered, a departure's reason
 * learnt late) on that day. The figure as of D is the sum of the cells of
 * days up to D: one indexed range read whose size grows with days x
 * dimension values, not with employees. No employee id is stored; readers
 * apply the minimum group size below company level.
 */

export const EXPERIENCE_METRICS = [
  /** dims: department. +1 on hire/rehire, moved by a position change, -1 on departure. */
  'headcount',
  /** dims: department. +1 when an onboarding plan is assigned. */
  'onboarding-started',
  /** dims: department, days (start date to completion). */
  'onboarding-completed',
  /** dims: owner, dueOn. +1 assigned, -1 done (or closed by completion, departure, a start-date move). */
  'task-open',
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
  /** dims: category, dueOn. +1 submitted, -1 first answer. */
  'suggestion-open',
] as const;
export type ExperienceMetric = (typeof EXPERIENCE_METRICS)[number];

const dimValue = z.union([z.string(), z.number(), z.boolean()]);
export const experienceMetricCellSchema = z.object({
  metric: z.enum(EXPERIENCE_METRICS),
  day: z.iso.date(),
  dims: z.record(z.string(), dimValue),
  count: z.int(),
});
export type ExperienceMetricCell = z.output<typeof experienceMetricCellSchema>;
export type MetricDims = ExperienceMetricCell['dims'];

export const ExperienceMetricsReadModel = defineReadModel({
  collection: 'experience_metrics',
  schema: experienceMetricCellSchema,
  idIs: 'metric, day and the dimension values (by name), joined by |',
  // Every query: one metric, the days up to asOf.
  indexes: [['metric', 'day']],
});
export type ExperienceMetricDocument = ReadModelDocument<typeof ExperienceMetricsReadModel>;

export function metricCellId(metric: ExperienceMetric, day: string, dims: MetricDims): string {
  const parts = Object.keys(dims)
    .sort()
    .map((name) => `${name}=${String(dims[name])}`);
  return [metric, day, ...parts].join('|');
}
