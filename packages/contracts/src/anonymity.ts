/**
 * The minimum-group-size rule for anything shown about groups of people below
 * company level (attrition analytics today, the feedback service's results
 * next): no count of fewer than the minimum may be read from an answer,
 * whether directly or by subtracting shown numbers from a total the reader
 * also knows. One pure function, so every service suppresses alike.
 *
 * Three rules, applied in order:
 * 1. minimum: a group of 1..min-1 people is suppressed (0 is no group at all);
 * 2. complement: a filtered group whose complement (the same group without
 *    the filter, minus it) is 1..min-1 is suppressed, since the unfiltered
 *    count, shown elsewhere, would give the small complement away;
 * 3. next-smallest: the groups of one answer partition a total the reader
 *    knows, so the suppressed groups together are derivable; while they sum
 *    to 1..min-1, the smallest shown group is suppressed as well.
 */

export const DEFAULT_MIN_GROUP_SIZE = 5;
/** Below 3 a group is one person and whoever asks; no configuration may go lower. */
export const LOWEST_MIN_GROUP_SIZE = 3;

export type SuppressionReason = 'below-minimum' | 'complement-below-minimum' | 'next-smallest';

export interface GroupCount<K> {
  key: K;
  count: number;
  /**
   * The same group without the answer's filter, when a filter applies (the
   * department's departures when the answer is the voluntary ones among
   * them): its complement is `population - count`.
   */
  population?: number;
}

export type ShownGroup<K, R extends string = SuppressionReason> = { key: K; count: number; suppressed: false } | { key: K; count: null; suppressed: true; reason: R };

/** Why one group may not be shown, or undefined when it may (rules 1 and 2). */
export function suppressionOf(count: number, population: number | undefined, minGroupSize: number): SuppressionReason | undefined {
  checkMinGroupSize(minGroupSize);
  if (count > 0 && count < minGroupSize) return 'below-minimum';
  const complement = population === undefined ? 0 : population - count;
  if (complement < 0) throw new RangeError(`a group of ${count} cannot exceed its population of ${population}`);
  if (complement > 0 && complement < minGroupSize) return 'complement-below-minimum';
  return undefined;
}

/**
 * The groups of one breakdown (disjoint, together the answer's total), each
 * shown or suppressed by the three rules. Order is kept; ties for the
 * next-smallest go to the first listed.
 */
export function suppressSmallGroups<K, R extends string = never>(
  groups: readonly GroupCount<K>[],
  minGroupSize: number,
  /** Groups another rule hides already (the survey results' overlap rule), with its reason; the next-smallest rule counts them too. */
  hiddenElsewhere: (key: K) => R | undefined = () => undefined,
): ShownGroup<K, SuppressionReason | R>[] {
  const reasons: (SuppressionReason | R | undefined)[] = groups.map((g) => hiddenElsewhere(g.key) ?? suppressionOf(g.count, g.population, minGroupSize));
  for (;;) {
    const hidden = groups.reduce((sum, g, i) => sum + (reasons[i] ? g.count : 0), 0);
    if (hidden === 0 || hidden >= minGroupSize) break;
    let smallest = -1;
    groups.forEach((g, i) => {
      if (!reasons[i] && g.count > 0 && (smallest < 0 || g.count < groups[smallest]!.count)) smallest = i;
    });
    if (smallest < 0) break; // everything is suppressed already
    reasons[smallest] = 'next-smallest';
  }
  return groups.map((g, i) => {
    const reason = reasons[i];
    return reason ? { key: g.key, count: null, suppressed: true, reason } : { key: g.key, count: g.count, suppressed: false };
  });
}

function checkMinGroupSize(minGroupSize: number): void {
  if (!Number.isInteger(minGroupSize) || minGroupSize < LOWEST_MIN_GROUP_SIZE) {
    throw new RangeError(`the minimum group size must be an integer >= ${LOWEST_MIN_GROUP_SIZE}, not ${minGroupSize}`);
  }
}
