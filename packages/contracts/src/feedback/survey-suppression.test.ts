import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENT_ATTRIBUTES, type Segment, type SegmentAttribute } from '../events/feedback.ts';
import { cellKey, cellsOf, pairKey, type SurveyResultsDocument } from '../read-models/survey-results.ts';
import { surveyResults } from './survey-results.ts';
import { suppressCells } from './survey-suppression.ts';

/**
 * The attacker knows who is in which segment (HR data) and reads every
 * published number. From totals, segments, complements, the hidden rest of
 * an attribute and the difference of two groups one of which lies inside the
 * other, they derive the score of a group: none of those groups may hold
 * 1..min-1 respondents. They work on the actual sets of respondents; the
 * suppression sees only the counts of the aggregates.
 */

const SEGMENT_VALUES: Record<SegmentAttribute, readonly string[]> = {
  department: ['engineering', 'sales', 'finance', 'legal'],
  level: ['junior', 'senior', 'lead'],
  location: ['oslo', 'lisbon', 'remote'],
  tenureBand: ['under-1y', '1-3y', '3-5y', '5y-plus'],
  stage: ['in-role', 'probation'],
};

const segmentArb = fc.record(Object.fromEntries(SEGMENT_ATTRIBUTES.map((a) => [a, fc.constantFrom(...SEGMENT_VALUES[a])])) as Record<SegmentAttribute, fc.Arbitrary<string>>) as fc.Arbitrary<Segment>;

/** The aggregates the projection would hold for these respondents (the same cellsOf and pairKey). */
function aggregates(respondents: readonly Segment[], minGroupSize: number): SurveyResultsDocument {
  const cells: NonNullable<SurveyResultsDocument['cells']> = { all: { attribute: 'all', value: 'all', n: 0 } };
  const pairs: Record<string, number> = {};
  for (const segment of respondents) {
    const keys = cellsOf(segment);
    cells.all!.n! += 1;
    SEGMENT_ATTRIBUTES.forEach((attribute, i) => {
      const key = keys[i + 1]!;
      cells[key] ??= { attribute, value: segment[attribute], n: 0, q: {} };
      cells[key].n! += 1;
    });
    for (let i = 1; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) pairs[pairKey(keys[i]!, keys[j]!)] = (pairs[pairKey(keys[i]!, keys[j]!)] ?? 0) + 1;
  }
  return { surveyId: '6d1f0a3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f', minGroupSize, cells, pairs };
}

function derivableGroups(respondents: readonly Segment[], shown: ReadonlySet<string>, allShown: boolean): Set<number>[] {
  if (!allShown) return [];
  const everyone = new Set(respondents.map((_, i) => i));
  const members = (key: string) => new Set(respondents.flatMap((s, i) => (cellsOf(s).includes(key) ? [i] : [])));
  const minus = (a: Set<number>, b: Set<number>) => new Set([...a].filter((x) => !b.has(x)));
  const groups: Set<number>[] = [everyone];
  for (const key of shown) {
    groups.push(members(key), minus(everyone, members(key)));
  }
  for (const attribute of SEGMENT_ATTRIBUTES) {
    const shownOfAttribute = [...shown].filter((key) => key.startsWith(`${attribute}__`));
    groups.push(shownOfAttribute.reduce((rest, key) => minus(rest, members(key)), everyone));
  }
  const differences: Set<number>[] = [];
  for (const a of groups) for (const b of groups) if ([...b].every((x) => a.has(x))) differences.push(minus(a, b));
  return [...groups, ...differences];
}

describe('survey suppression against an attacker', () => {
  it('publishes no number about fewer than the minimum, directly or derived', () => {
    fc.assert(
      fc.property(fc.array(segmentArb, { maxLength: 60 }), fc.integer({ min: 3, max: 7 }), (respondents, min) => {
        const { cells } = suppressCells(aggregates(respondents, min));
        const shown = new Set([...cells].filter(([key, d]) => key !== 'all' && d.shown).map(([key]) => key));
        for (const key of shown) expect((cells.get(key) as { n: number }).n).toBeGreaterThanOrEqual(min);
        const allShown = cells.get('all')?.shown === true;
        if (allShown) expect(respondents.length).toBeGreaterThanOrEqual(min);
        for (const group of derivableGroups(respondents, shown, allShown)) {
          if (group.size > 0 && group.size < min) throw new Error(`a group of ${group.size} is derivable (min ${min}); shown: ${[...shown].join(', ')}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hides a segment, its complement and the next-smallest, and the smaller of two near-identical overlapping segments', () => {
    const r = (department: string, location: string, n: number): Segment[] =>
      Array.from({ length: n }, () => ({ department, level: 'senior', location, tenureBand: '1-3y', stage: 'in-role' }));
    // Engineering 12 (10 in Oslo), sales 10 (all in Lisbon), finance 2, legal 4; Oslo 10 = engineering minus 2.
    const respondents = [...r('engineering', 'oslo', 10), ...r('engineering', 'remote', 2), ...r('sales', 'lisbon', 10), ...r('finance', 'remote', 2), ...r('legal', 'remote', 4)];
    const { cells } = suppressCells(aggregates(respondents, 5));
    const reason = (key: string) => {
      const d = cells.get(key)!;
      return d.shown ? 'shown' : d.reason;
    };
    expect(reason(cellKey('department', 'finance'))).toBe('below-minimum');
    expect(reason(cellKey('department', 'legal'))).toBe('below-minimum');
    expect(reason(cellKey('location', 'oslo'))).toBe('overlap');
    expect(reason(cellKey('department', 'sales'))).toBe('shown');
    // Complement: every respondent is in-role except... none: a single stage value is everyone, shown; its complement is empty.
    expect(reason(cellKey('stage', 'in-role'))).toBe('shown');
  });

  it('shows nothing, not even the count, below the minimum overall', () => {
    const few = Array.from({ length: 4 }, (): Segment => ({ department: 'sales', level: 'senior', location: 'oslo', tenureBand: '1-3y', stage: 'in-role' }));
    const published = surveyResults({ doc: aggregates(few, 5) });
    expect(published.overall).toEqual({ suppressed: true, reason: 'below-minimum' });
    expect(published.segments.every((s) => s.result.suppressed)).toBe(true);
  });
});
