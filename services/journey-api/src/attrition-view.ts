import { suppressionOf, suppressSmallGroups, type SuppressionReason } from '@ejp/contracts';
import { ATTRITION_DIMENSIONS, type AttritionCell, type AttritionDimensions } from '@ejp/contracts/read-models';

export type Dimension = keyof AttritionDimensions;
export type AttritionFilter = Partial<Omit<AttritionDimensions, 'month'>>;

export interface AttritionGroup {
  key: Partial<AttritionDimensions>;
  departures: number | null;
  suppressed: SuppressionReason | null;
}

export interface AttritionAnswer {
  /** Every departure in the period: company level, never suppressed. */
  companyDepartures: number;
  /** The departures the filter selects; null when suppressed. */
  departures: number | null;
  suppressed: SuppressionReason | null;
  groups: AttritionGroup[];
}

const matches = (cell: AttritionCell, filter: AttritionFilter) => Object.entries(filter).every(([name, value]) => cell[name as Dimension] === value);

function sumBy(cells: readonly AttritionCell[], groupBy: readonly Dimension[]): Map<string, { key: Partial<AttritionDimensions>; count: number }> {
  const sums = new Map<string, { key: Partial<AttritionDimensions>; count: number }>();
  for (const cell of cells) {
    const key = Object.fromEntries(groupBy.map((name) => [name, cell[name]])) as Partial<AttritionDimensions>;
    const id = JSON.stringify(groupBy.map((name) => cell[name]));
    const sum = sums.get(id) ?? { key, count: 0 };
    sum.count += cell.departures;
    sums.set(id, sum);
  }
  return sums;
}

/**
 * Sums the period's cells into the asked breakdown and applies the minimum
 * group size to everything below company level (the whole company, by month
 * or not, is shown as it is). The filter's complement is judged against the
 * whole company, each group's against the same group unfiltered. Groups
 * partition the answer's total, so the next-smallest rule runs over them;
 * per month when grouped by month, since each month's company total is
 * public (ungrouped answers show it).
 */
export function attritionAnswer(cells: readonly AttritionCell[], groupBy: readonly Dimension[], filter: AttritionFilter, minGroupSize: number): AttritionAnswer {
  const present = cells.filter((c) => c.departures > 0);
  const selected = present.filter((c) => matches(c, filter));
  const companyDepartures = present.reduce((sum, c) => sum + c.departures, 0);
  const total = selected.reduce((sum, c) => sum + c.departures, 0);
  const filtered = Object.keys(filter).length > 0;
  const ordered = ATTRITION_DIMENSIONS.filter((d) => groupBy.includes(d));
  const sums = [...sumBy(selected, ordered).entries()].sort(([a], [b]) => a.localeCompare(b));

  if (!filtered && ordered.every((d) => d === 'month')) {
    return { companyDepartures, departures: total, suppressed: null, groups: sums.map(([, s]) => ({ key: s.key, departures: s.count, suppressed: null })) };
  }
  const selection = suppressionOf(total, filtered ? companyDepartures : undefined, minGroupSize);
  if (selection) return { companyDepartures, departures: null, suppressed: selection, groups: [] };

  const populations = filtered ? sumBy(present, ordered) : undefined;
  const partitions = new Map<string, { id: string; key: Partial<AttritionDimensions>; count: number; population?: number }[]>();
  for (const [id, s] of sums) {
    const partition = ordered.includes('month') ? String(s.key.month) : '';
    const population = populations?.get(id)?.count;
    partitions.set(partition, [...(partitions.get(partition) ?? []), { id, key: s.key, count: s.count, ...(population === undefined ? {} : { population }) }]);
  }
  const groups = [...partitions.values()].flatMap((partition) =>
    suppressSmallGroups(partition, minGroupSize).map((g) => ({ key: g.key, departures: g.count, suppressed: g.suppressed ? g.reason : null })),
  );
  return { companyDepartures, departures: total, suppressed: null, groups };
}
