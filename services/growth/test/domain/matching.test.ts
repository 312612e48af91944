import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Assignment, assignMentors, hungarian, type MenteeRequest, type MentorOffer, type Proposal, scorePair, seniorityOf } from '../../src/domain/matching.ts';

const mentor = (mentorId: string, over: Partial<MentorOffer> = {}): MentorOffer => ({
  mentorId, department: 'Engineering', seniority: 5, skills: ['typescript'], topics: ['career'], capacity: 1, ...over,
});
const mentee = (menteeId: string, over: Partial<MenteeRequest> = {}): MenteeRequest => ({
  menteeId, department: 'Sales', seniority: 3, managerId: null, goals: ['typescript'], ...over,
});

describe('scorePair', () => {
  it('adds skill, topic, seniority and department points, each with its reason', () => {
    const score = scorePair(mentor('m', { skills: ['TypeScript', 'testing'], topics: ['career'] }), mentee('e', { goals: ['typescript ', 'career', 'sql'] }));
    expect(score).toEqual({
      score: 10 + 5 + 6 + 3,
      reasons: [
        { factor: 'skills', points: 10, detail: 'offers typescript' },
        { factor: 'topics', points: 5, detail: 'talks about career' },
        { factor: 'seniority', points: 6, detail: '2 levels more senior' },
        { factor: 'department', points: 3, detail: 'Engineering, not Sales' },
      ],
    });
  });

  it('scores a gap of two best, one or three less, four or more least, and no department points within one', () => {
    const points = (gap: number) => scorePair(mentor('m', { seniority: 3 + gap }), mentee('e', { department: 'Engineering' }))?.score;
    expect([1, 2, 3, 4, 6].map(points)).toEqual([14, 16, 14, 12, 12]);
  });

  it('refuses the current manager, oneself, a mentor who is not more senior, and a pair with nothing in common', () => {
    expect(scorePair(mentor('boss'), mentee('e', { managerId: 'boss' }))).toBeUndefined();
    expect(scorePair(mentor('same'), mentee('same'))).toBeUndefined();
    expect(scorePair(mentor('m', { seniority: 3 }), mentee('e', { seniority: 3 }))).toBeUndefined();
    expect(scorePair(mentor('m', { skills: ['sql'], topics: [] }), mentee('e', { goals: ['design'] }))).toBeUndefined();
  });
});

describe('assignMentors', () => {
  it('solves the round as a whole where first come, first served would not', () => {
    // ana fits both mentees best, but only bo can take dev: the optimum gives ana to cy.
    const mentors = [mentor('ana', { skills: ['typescript', 'sql'] }), mentor('bo', { skills: ['typescript'], seniority: 8 })];
    const mentees = [mentee('cy', { goals: ['sql'] }), mentee('dev', { goals: ['typescript', 'sql'] })];
    const { proposals, unmatched, total } = assignMentors(mentors, mentees);
    expect(proposals.map((p) => [p.mentorId, p.menteeId])).toEqual([['ana', 'cy'], ['bo', 'dev']]);
    expect(unmatched).toEqual([]);
    expect(total).toBe(19 + 15);
    expect(greedy(mentors, mentees).total).toBe(29);
  });

  it('leaves a mentee unmatched when no eligible mentor has a free slot', () => {
    const result = assignMentors([mentor('ana', { capacity: 1 })], [mentee('cy'), mentee('dev', { goals: ['typescript', 'career'] }), mentee('eve', { managerId: 'ana' })]);
    expect(result.proposals.map((p) => p.menteeId)).toEqual(['dev']);
    expect(result.unmatched).toEqual(['cy', 'eve']);
  });

  it('gives the same proposals whatever order the round lists people in', () => {
    const mentors = [mentor('a', { capacity: 2 }), mentor('b', { seniority: 6 })];
    const mentees = [mentee('x'), mentee('y'), mentee('z')];
    expect(assignMentors([...mentors].reverse(), [...mentees].reverse())).toEqual(assignMentors(mentors, mentees));
  });
});

describe('hungarian', () => {
  it('finds the minimum-cost assignment of a small matrix', () => {
    const matrix = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
    expect(hungarian(3, 3, (r, c) => matrix[r]![c]!)).toEqual([1, 0, 2]);
  });
});

it('ranks levels by their number, managers above, executives on top', () => {
  expect(['IC1', 'IC3', 'M3', 'Exec', 'Intern'].map(seniorityOf)).toEqual([1, 3, 5, 10, 0]);
});

// ── Properties on random rounds ─────────────────────────────────────────────

const TAGS = ['typescript', 'sql', 'design', 'sales', 'leadership', 'career'];
const DEPARTMENTS = ['Engineering', 'Sales', 'People'];
const tags = fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 4 });

/** A round of up to 6 mentors and 8 mentees drawn from one pool of people, so a mentor can be someone's manager. */
const round = fc
  .record({
    mentors: fc.array(fc.record({ department: fc.constantFrom(...DEPARTMENTS), seniority: fc.integer({ min: 1, max: 8 }), skills: tags, topics: tags, capacity: fc.integer({ min: 0, max: 3 }) }), { maxLength: 6 }),
    mentees: fc.array(fc.record({ department: fc.constantFrom(...DEPARTMENTS), seniority: fc.integer({ min: 0, max: 6 }), goals: tags, manager: fc.nat(7) }), { maxLength: 8 }),
  })
  .map(({ mentors, mentees }) => ({
    mentors: mentors.map((m, i): MentorOffer => ({ mentorId: `p${i}`, ...m })),
    // A manager index past the mentors is someone outside the round (or nobody).
    mentees: mentees.map(({ manager, ...m }, i): MenteeRequest => ({ menteeId: `p${i + 10}`, managerId: manager < 6 ? `p${manager}` : null, ...m })),
  }));

/** The first-come baseline: the highest-scoring eligible pair first, while both sides are free. */
function greedy(mentors: readonly MentorOffer[], mentees: readonly MenteeRequest[]): Assignment {
  const pairs = mentees
    .flatMap((e) => mentors.map((m) => ({ m, e, score: scorePair(m, e) })))
    .flatMap(({ m, e, score }) => (score ? [{ mentorId: m.mentorId, menteeId: e.menteeId, ...score }] : []))
    .sort((a, b) => b.score - a.score);
  const left = new Map(mentors.map((m) => [m.mentorId, m.capacity]));
  const proposals: Proposal[] = [];
  for (const pair of pairs) {
    if (proposals.some((p) => p.menteeId === pair.menteeId) || left.get(pair.mentorId)! <= 0) continue;
    left.set(pair.mentorId, left.get(pair.mentorId)! - 1);
    proposals.push(pair);
  }
  return { proposals, unmatched: [], total: proposals.reduce((sum, p) => sum + p.score, 0) };
}

/** The true optimum by trying every choice (each mentee: a mentor with a free slot, or none); small rounds only. */
function bruteForceBest(mentors: readonly MentorOffer[], mentees: readonly MenteeRequest[]): number {
  const left = mentors.map((m) => m.capacity);
  const best = (i: number): number => {
    if (i === mentees.length) return 0;
    let top = best(i + 1);
    mentors.forEach((m, j) => {
      const score = scorePair(m, mentees[i]!);
      if (!score || left[j]! <= 0) return;
      left[j]!--;
      top = Math.max(top, score.score + best(i + 1));
      left[j]!++;
    });
    return top;
  };
  return best(0);
}

describe('assignMentors on random rounds', () => {
  it('never exceeds a capacity, never proposes a manager, proposes each mentee once and scores no less than greedy', () => {
    fc.assert(
      fc.property(round, ({ mentors, mentees }) => {
        const result = assignMentors(mentors, mentees);
        for (const m of mentors) expect(result.proposals.filter((p) => p.mentorId === m.mentorId).length).toBeLessThanOrEqual(m.capacity);
        for (const p of result.proposals) {
          const e = mentees.find((candidate) => candidate.menteeId === p.menteeId)!;
          expect(p.mentorId).not.toBe(e.managerId);
          // Each proposal shows why: its reasons add up to its score.
          expect(p.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(p.score);
        }
        const matched = result.proposals.map((p) => p.menteeId);
        expect(new Set(matched).size).toBe(matched.length);
        expect([...matched, ...result.unmatched].sort()).toEqual(mentees.map((e) => e.menteeId).sort());
        expect(result.total).toBeGreaterThanOrEqual(greedy(mentors, mentees).total);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches the true optimum of small rounds', () => {
    const small = round.filter(({ mentees }) => mentees.length <= 6);
    fc.assert(
      fc.property(small, ({ mentors, mentees }) => {
        expect(assignMentors(mentors, mentees).total).toBe(bruteForceBest(mentors, mentees));
      }),
      { numRuns: 200 },
    );
  });
});
