import { DEFAULT_MIN_GROUP_SIZE, type SuppressionReason, suppressSmallGroups } from '../anonymity.ts';
import { SEGMENT_ATTRIBUTES, type SegmentAttribute } from '../events/feedback.ts';
import { pairKey, type SurveyResultsDocument } from '../read-models/survey-results.ts';

/**
 * Which cells of a survey's aggregates may be published. Builds on the
 * platform's rules (anonymity.ts: minimum, complement, next-smallest, per
 * attribute, whose values partition the respondents) and adds the overlap
 * rule for cells of two attributes: when A and B share respondents and
 * A minus B (or B minus A) holds 1..min-1 of them, subtracting one from the
 * other would give those few away, so the smaller of the two is hidden (and
 * the next-smallest rule then runs again for its attribute).
 */

export type CellDecision = { shown: true; n: number } | { shown: false; reason: SuppressionReason | 'overlap' | 'no-respondents' };

export interface Suppression {
  minGroupSize: number;
  /** By cell key ('all' and every segment cell of the document). */
  cells: Map<string, CellDecision>;
}

export function suppressCells(doc: SurveyResultsDocument): Suppression {
  const min = doc.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const cells = doc.cells ?? {};
  const total = cells.all?.n ?? 0;
  const decisions = new Map<string, CellDecision>();
  const byAttribute = new Map<SegmentAttribute, string[]>();
  for (const [key, cell] of Object.entries(cells)) {
    if (cell.attribute === 'all') continue;
    byAttribute.set(cell.attribute, [...(byAttribute.get(cell.attribute) ?? []), key]);
  }
  if (total < min) {
    // Too few respondents overall: nothing is published, not even their count.
    for (const key of Object.keys(cells)) decisions.set(key, { shown: false, reason: total === 0 ? 'no-respondents' : 'below-minimum' });
    return { minGroupSize: min, cells: decisions };
  }
  decisions.set('all', { shown: true, n: total });
  const overlap = new Set<string>();
  for (;;) {
    for (const attribute of SEGMENT_ATTRIBUTES) {
      const keys = byAttribute.get(attribute) ?? [];
      const groups = keys.map((key) => ({ key, count: cells[key]!.n ?? 0, population: total }));
      const shown = suppressSmallGroups(groups, min, (key): 'overlap' | undefined => (overlap.has(key) ? 'overlap' : undefined));
      for (const group of shown) {
        decisions.set(group.key, group.suppressed ? { shown: false, reason: group.reason } : group.count === 0 ? { shown: false, reason: 'no-respondents' } : { shown: true, n: group.count });
      }
    }
    const clash = firstOverlapClash(decisions, doc.pairs ?? {}, cells, min);
    if (!clash) break;
    overlap.add(clash);
  }
  return { minGroupSize: min, cells: decisions };
}

type Cells = NonNullable<SurveyResultsDocument['cells']>;

/** A group a reader can compute from published numbers, as a signed sum of cells (its indicator). */
interface Derivable {
  terms: Map<string, number>;
  /** The attributes whose hidden cells it contains (a hidden union). */
  hiddenOf?: SegmentAttribute;
}

/**
 * The first shown cell to hide so that no group a reader can derive holds
 * 1..min-1 respondents. Derivable: everyone, each shown cell, its
 * complement, and per attribute the union of its hidden cells (everyone
 * minus the shown ones). Overlap rule: two shown cells of different
 * attributes that differ by 1..min-1 respondents either way. Subset rule:
 * when one derivable group lies inside another, their difference is derivable
 * too. Intersections come from the pair counts, so no respondent is needed.
 */
function firstOverlapClash(decisions: Map<string, CellDecision>, pairs: Record<string, number>, cells: Cells, min: number): string | undefined {
  const size = (key: string) => cells[key]?.n ?? 0;
  const attributeOf = (key: string) => cells[key]!.attribute;
  const meet = (a: string, b: string): number => {
    if (a === b) return size(a);
    if (a === 'all') return size(b);
    if (b === 'all') return size(a);
    if (attributeOf(a) === attributeOf(b)) return 0;
    return pairs[pairKey(a, b)] ?? 0;
  };
  const inter = (x: Derivable, y: Derivable) => {
    let sum = 0;
    for (const [a, ca] of x.terms) for (const [b, cb] of y.terms) sum += ca * cb * meet(a, b);
    return sum;
  };
  const small = (count: number) => count > 0 && count < min;
  const shown = [...decisions.entries()].filter(([key, d]) => key !== 'all' && d.shown).map(([key]) => key);
  const smallestShown = (keys: Iterable<string>) => [...keys].filter((k) => shown.includes(k)).sort((a, b) => size(a) - size(b))[0];

  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const [a, b] = [shown[i]!, shown[j]!];
      if (attributeOf(a) === attributeOf(b)) continue;
      const both = meet(a, b);
      if (both > 0 && (small(size(a) - both) || small(size(b) - both))) return size(a) <= size(b) ? a : b;
    }
  }

  const family: Derivable[] = [{ terms: new Map([['all', 1]]) }];
  for (const key of shown) {
    family.push({ terms: new Map([[key, 1]]) });
    family.push({ terms: new Map([['all', 1], [key, -1]]) });
  }
  for (const attribute of SEGMENT_ATTRIBUTES) {
    const hiddenKeys = Object.keys(cells).filter((k) => k !== 'all' && attributeOf(k) === attribute && !decisions.get(k)?.shown);
    if (hiddenKeys.length > 0) family.push({ terms: new Map(hiddenKeys.map((k) => [k, 1])), hiddenOf: attribute });
  }
  const sizes = family.map((x) => inter(x, x));
  for (let i = 0; i < family.length; i++) {
    for (let j = 0; j < family.length; j++) {
      if (i === j || sizes[i]! > sizes[j]!) continue;
      // family[i] inside family[j]: their difference is derivable.
      if (inter(family[i]!, family[j]!) !== sizes[i] || !small(sizes[j]! - sizes[i]!)) continue;
      const involved = [family[i]!, family[j]!];
      const candidate = smallestShown(involved.flatMap((x) => [...x.terms.keys()]));
      if (candidate) return candidate;
      const attributes = involved.flatMap((x) => (x.hiddenOf ? [x.hiddenOf] : []));
      const fallback = smallestShown(shown.filter((k) => attributes.includes(attributeOf(k) as SegmentAttribute)));
      if (fallback) return fallback;
    }
  }
  return undefined;
}
