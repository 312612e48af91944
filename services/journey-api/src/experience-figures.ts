import { addDays, type GroupCount, SUGGESTION_CATEGORIES, suppressSmallGroups, TASK_OWNERS } from '@ejp/contracts';
import type {
  AttritionAnalyticsResponse,
  OnboardingAnalyticsResponse,
  RecognitionAnalyticsResponse,
  SuggestionAnalyticsResponse,
} from '@ejp/contracts/read-models';
import type { ReadStore } from '@ejp/readstore';
import { type MetricEntry, medianOf, metricCells, quantileOf, sumBy } from './experience-params.ts';

/**
 * The company-level figures from the dated deltas (experience_metrics): each
 * is the sum of the cells recorded up to asOf, grouped by its dimensions.
 * Breakdowns below company level about people (departments) go through the
 * platform's minimum group size (suppressSmallGroups), as the attrition and
 * recognition-values analytics do.
 */

const histogram = (sums: ReadonlyMap<string, number>) => new Map([...sums].map(([days, n]) => [Number(days), n]));
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
const total = (sums: ReadonlyMap<string, number>) => [...sums.values()].reduce((a, b) => a + b, 0);

export async function headcountOn(readStore: ReadStore, asOf: string): Promise<Map<string, number>> {
  return sumBy(await metricCells(readStore, 'headcount', asOf), (d) => String(d.department));
}

export async function onboardingFigures(readStore: ReadStore, asOf: string): Promise<OnboardingAnalyticsResponse> {
  const [started, completed, open, overdue] = await Promise.all(
    (['onboarding-started', 'onboarding-completed', 'task-open', 'task-overdue'] as const).map((metric) => metricCells(readStore, metric, asOf)),
  ) as [MetricEntry[], MetricEntry[], MetricEntry[], MetricEntry[]];
  const startedCount = total(sumBy(started, () => 'all'));
  const days = sumBy(completed, (d) => String(d.days));
  const completedCount = total(days);
  const [openBy, overdueBy] = [sumBy(open, (d) => String(d.owner)), sumBy(overdue, (d) => String(d.owner))];
  const overdueByOwner = TASK_OWNERS.map((owner) => ({ owner, open: openBy.get(owner) ?? 0, overdue: overdueBy.get(owner) ?? 0 }));
  return { asOf, started: startedCount, completed: completedCount, completionRate: ratio(completedCount, startedCount), medianDaysToComplete: medianOf(histogram(days)), overdueByOwner };
}

export async function suggestionFigures(readStore: ReadStore, asOf: string): Promise<SuggestionAnalyticsResponse> {
  const [submitted, answered, open, overdueCells] = await Promise.all(
    (['suggestion-submitted', 'suggestion-answered', 'suggestion-open', 'suggestion-overdue'] as const).map((metric) => metricCells(readStore, metric, asOf)),
  ) as [MetricEntry[], MetricEntry[], MetricEntry[], MetricEntry[]];
  const submittedBy = sumBy(submitted, (d) => String(d.category));
  const [openBy, overdueBy] = [sumBy(open, (d) => String(d.category)), sumBy(overdueCells, (d) => String(d.category))];
  const categories = SUGGESTION_CATEGORIES.map((category) => {
    const days = histogram(sumBy(answered.filter((c) => c.dims.category === category), (d) => String(d.days)));
    const openCount = openBy.get(category) ?? 0;
    const overdue = overdueBy.get(category) ?? 0;
    return {
      category,
      submitted: submittedBy.get(category) ?? 0,
      answered: total(new Map([...days].map(([k, v]) => [String(k), v]))),
      medianDaysToFirstAnswer: medianOf(days),
      p90DaysToFirstAnswer: quantileOf(days, 0.9),
      open: openCount,
      overdue,
      overdueShare: ratio(overdue, openCount),
    };
  });
  return { asOf, categories };
}

export async function attritionFigures(readStore: ReadStore, period: { asOf: string; from: string; to: string }, minGroupSize: number): Promise<AttritionAnalyticsResponse> {
  const { asOf, from, to } = period;
  const [departures, headcount] = await Promise.all([metricCells(readStore, 'departure', asOf), headcountOn(readStore, asOf)]);
  const inPeriod = departures.filter((c) => String(c.dims.departedOn) >= from && String(c.dims.departedOn) <= to);
  const key = (d: MetricEntry['dims']) => `${d.primaryReason}|${d.department}|${d.tenureBand}`;
  const all = sumBy(inPeriod, key);
  const voluntary = sumBy(inPeriod.filter((c) => c.dims.voluntary === true), key);
  const regrettable = sumBy(inPeriod.filter((c) => c.dims.regrettable === true), key);
  const keys = [...all.keys()].sort();
  const shown = suppressSmallGroups(keys.map((k): GroupCount<string> => ({ key: k, count: all.get(k)! })), minGroupSize);
  const count = total(all);
  return {
    asOf,
    from,
    to,
    minGroupSize,
    headcount: total(headcount),
    departures: count,
    voluntaryRate: ratio(total(voluntary), count),
    regrettableRate: ratio(total(regrettable), count),
    cells: shown.map((g) => {
      const [primaryReason, department, tenureBand] = g.key.split('|') as [never, string, never];
      const common = { primaryReason, department, tenureBand };
      return g.suppressed
        ? { ...common, departures: null, voluntary: null, regrettable: null, suppressed: true, reason: g.reason }
        : { ...common, departures: g.count, voluntary: voluntary.get(g.key) ?? 0, regrettable: regrettable.get(g.key) ?? 0, suppressed: false, reason: null };
    }),
  };
}

export async function recognitionFigures(readStore: ReadStore, period: { asOf: string; from: string; to: string }, minGroupSize: number): Promise<RecognitionAnalyticsResponse> {
  const { asOf, from, to } = period;
  const [cells, recognised, headcount] = await Promise.all([metricCells(readStore, 'recognition', asOf), metricCells(readStore, 'recognised', asOf), headcountOn(readStore, asOf)]);
  const byCell = sumBy(
    cells.filter((c) => String(c.dims.month) >= from && String(c.dims.month) <= to),
    (d) => `${d.month}|${d.valueId}|${d.department}`,
  );
  const groups = new Map<string, { department: string; count: number }[]>();
  for (const [k, n] of [...byCell].sort(([a], [b]) => a.localeCompare(b))) {
    const [month, valueId, department] = k.split('|') as [string, string, string];
    const g = `${month}|${valueId}`;
    groups.set(g, [...(groups.get(g) ?? []), { department, count: n }]);
  }
  const values = [...groups].map(([g, departments]) => {
    const [month, valueId] = g.split('|') as [string, string];
    const shown = suppressSmallGroups(departments.map((d) => ({ key: d.department, count: d.count })), minGroupSize);
    return {
      month,
      valueId,
      recognitions: departments.reduce((s, d) => s + d.count, 0),
      departments: shown.map((s) => (s.suppressed ? { department: s.key, recognitions: null, suppressed: true, reason: s.reason } : { department: s.key, recognitions: s.count, suppressed: false, reason: null })),
    };
  });
  // The 'recognised' deltas are dated by the window's own days (+1 from the recognition, -1 after 90 days): sum up to asOf.
  const employees = total(headcount);
  const recognisedCount = total(sumBy(recognised, () => 'all'));
  return { asOf, from, to, minGroupSize, values, recognisedLast90Days: { employees, recognised: recognisedCount, share: ratio(recognisedCount, employees) } };
}

/** The default period of the attrition figures: the twelve months up to asOf. */
export const yearBefore = (asOf: string) => addDays(asOf, -364);
