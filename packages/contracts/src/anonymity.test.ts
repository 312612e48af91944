import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_GROUP_SIZE, suppressionOf, suppressSmallGroups } from './anonymity.ts';

const groups = (...counts: number[]) => counts.map((count, i) => ({ key: `g${i}`, count }));
const shown = (result: ReturnType<typeof suppressSmallGroups<string>>) => result.map((g) => (g.suppressed ? g.reason : g.count));

describe('minimum group size', () => {
  it('suppresses a group of 1..min-1, shows a group of exactly the minimum and an empty one', () => {
    expect(DEFAULT_MIN_GROUP_SIZE).toBe(5);
    expect(suppressionOf(4, undefined, 5)).toBe('below-minimum');
    expect(suppressionOf(1, undefined, 5)).toBe('below-minimum');
    expect(suppressionOf(5, undefined, 5)).toBeUndefined();
    expect(suppressionOf(0, undefined, 5)).toBeUndefined();
    expect(suppressionOf(6, undefined, 7)).toBe('below-minimum');
  });

  it('suppresses a filtered group whose complement is 1..min-1, not one whose complement is empty or large enough', () => {
    // 12 left the department, 10 of them voluntarily: showing 10 tells that 2 were let go.
    expect(suppressionOf(10, 12, 5)).toBe('complement-below-minimum');
    expect(suppressionOf(10, 10, 5)).toBeUndefined();
    expect(suppressionOf(10, 15, 5)).toBeUndefined();
    expect(() => suppressionOf(10, 9, 5)).toThrow(/cannot exceed/);
  });

  it('refuses a minimum that would show single people', () => {
    expect(() => suppressionOf(1, undefined, 2)).toThrow(/>= 3/);
    expect(() => suppressSmallGroups(groups(1), 4.5)).toThrow(/integer/);
  });
});

describe('suppressSmallGroups', () => {
  it('shows every group when all reach the minimum', () => {
    expect(shown(suppressSmallGroups(groups(5, 9, 12), 5))).toEqual([5, 9, 12]);
  });

  it('suppresses the next-smallest group when one suppressed group could be derived from the total', () => {
    // Total 20 is known: hiding only the 2 would leave it as 20 - 5 - 13.
    expect(shown(suppressSmallGroups(groups(13, 2, 5), 5))).toEqual([13, 'below-minimum', 'next-smallest']);
  });

  it('keeps suppressing until the hidden groups together reach the minimum', () => {
    // 1 + 1 hidden is still a group of 2; adding the 2 makes 4; the 6 makes 10.
    expect(shown(suppressSmallGroups(groups(1, 1, 2, 6, 20), 5))).toEqual(['below-minimum', 'below-minimum', 'below-minimum', 'next-smallest', 20]);
  });

  it('needs no next-smallest when the suppressed groups already sum to the minimum', () => {
    expect(shown(suppressSmallGroups(groups(3, 2, 8), 5))).toEqual(['below-minimum', 'below-minimum', 8]);
  });

  it('gives the tie to the first listed group and stops when nothing is left to hide', () => {
    expect(shown(suppressSmallGroups(groups(6, 1, 6), 5))).toEqual(['next-smallest', 'below-minimum', 6]);
    expect(shown(suppressSmallGroups(groups(1, 2), 5))).toEqual(['below-minimum', 'below-minimum']);
    expect(suppressSmallGroups([], 5)).toEqual([]);
  });

  it('combines the complement rule with the next-smallest one', () => {
    const result = suppressSmallGroups(
      [
        { key: 'a', count: 9, population: 11 },
        { key: 'b', count: 7, population: 7 },
      ],
      5,
    );
    // a's complement is 2: hidden; 9 hidden is enough, b stays.
    expect(result).toEqual([
      { key: 'a', count: null, suppressed: true, reason: 'complement-below-minimum' },
      { key: 'b', count: 7, suppressed: false },
    ]);
  });
});
