import type { MATCH_FACTORS } from '@ejp/contracts';

/**
 * Mentor matching: an explainable score per pair and an optimal assignment of
 * a whole round, solved at once (not first come, first served). Pure: the
 * same round always gives the same proposals, so a retried "propose pairs"
 * command decides the same events.
 *
 * The score of a mentor for a mentee, in points (each part is shown as a
 * reason with the proposal):
 * - skill overlap: 10 per goal of the mentee that the mentor offers as a skill;
 * - topic overlap: 5 per remaining goal the mentor offers as a topic;
 * - seniority gap: the mentor must be more senior; a gap of 2 levels scores
 *   best (6), 1 or 3 levels 4, 4 or more levels 2 (too far apart to relate);
 * - another department: 3 (a view from outside the mentee's team).
 * A pair is not eligible, whatever its points, when the mentor is the
 * mentee's current manager (mentoring is not line management), is the
 * mentee, is not more senior, or shares no goal at all with the mentee.
 *
 * The assignment maximises the round's total score with every mentor taking
 * at most their capacity and every mentee at most one mentor: each mentor is
 * expanded into `capacity` slots and the Hungarian algorithm solves the
 * mentee × (slots + one "unmatched" column per mentee) matrix, so leaving a
 * mentee unmatched (0 points) is always a choice and an ineligible pair never is.
 */

export interface MentorOffer {
  mentorId: string;
  department: string;
  /** Seniority rank (seniorityOf the level): higher is more senior. */
  seniority: number;
  skills: readonly string[];
  topics: readonly string[];
  /** How many mentees the mentor takes in this round. */
  capacity: number;
}

export interface MenteeRequest {
  menteeId: string;
  department: string;
  seniority: number;
  /** The mentee's current manager, never proposed as their mentor. */
  managerId: string | null;
  /** Skills or topics the mentee wants to grow in. */
  goals: readonly string[];
}

export type MatchFactor = (typeof MATCH_FACTORS)[number];

export interface MatchReason {
  factor: MatchFactor;
  points: number;
  /** What earned the points: the shared skills or topics, the gap, the departments. */
  detail: string;
}

export interface PairScore {
  score: number;
  reasons: MatchReason[];
}

export const POINTS = { skill: 10, topic: 5, otherDepartment: 3 } as const;

/** Points for a seniority gap (mentor minus mentee), 0 for a gap of 0 or less (not eligible). */
export function seniorityPoints(gap: number): number {
  if (gap <= 0) return 0;
  if (gap === 2) return 6;
  if (gap === 1 || gap === 3) return 4;
  return 2;
}

/** Tags compare without case or surrounding blanks ("TypeScript " is "typescript"). */
export const normaliseTag = (tag: string): string => tag.trim().toLowerCase();

/** The pair's score with its reasons, or undefined when the pair is not eligible. */
export function scorePair(mentor: MentorOffer, mentee: MenteeRequest): PairScore | undefined {
  if (mentor.mentorId === mentee.menteeId || mentor.mentorId === mentee.managerId) return undefined;
  const gap = mentor.seniority - mentee.seniority;
  if (gap <= 0) return undefined;
  const skills = new Set(mentor.skills.map(normaliseTag));
  const topics = new Set(mentor.topics.map(normaliseTag));
  const goals = [...new Set(mentee.goals.map(normaliseTag))];
  const bySkill = goals.filter((goal) => skills.has(goal));
  const byTopic = goals.filter((goal) => !skills.has(goal) && topics.has(goal));
  if (bySkill.length + byTopic.length === 0) return undefined;
  const reasons: MatchReason[] = [];
  if (bySkill.length > 0) reasons.push({ factor: 'skills', points: POINTS.skill * bySkill.length, detail: `offers ${bySkill.join(', ')}` });
  if (byTopic.length > 0) reasons.push({ factor: 'topics', points: POINTS.topic * byTopic.length, detail: `talks about ${byTopic.join(', ')}` });
  reasons.push({ factor: 'seniority', points: seniorityPoints(gap), detail: `${gap} level${gap === 1 ? '' : 's'} more senior` });
  if (mentor.department !== mentee.department) {
    reasons.push({ factor: 'department', points: POINTS.otherDepartment, detail: `${mentor.department}, not ${mentee.department}` });
  }
  return { score: reasons.reduce((sum, reason) => sum + reason.points, 0), reasons };
}

export interface Proposal extends PairScore {
  mentorId: string;
  menteeId: string;
}

export interface Assignment {
  proposals: Proposal[];
  /** Mentees no eligible mentor with a free slot could take, sorted. */
  unmatched: string[];
  total: number;
}

const byId = <T>(id: (item: T) => string) => (a: T, b: T) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);

/** The optimal assignment of a round (deterministic: inputs are ordered by id before solving). */
export function assignMentors(mentors: readonly MentorOffer[], mentees: readonly MenteeRequest[]): Assignment {
  const rows = [...mentees].sort(byId((m) => m.menteeId));
  const offers = [...mentors].sort(byId((m) => m.mentorId));
  // A mentor never needs more slots than there are mentees.
  const slotsOf = offers.map((mentor) => Math.min(Math.max(mentor.capacity, 0), rows.length));
  const slots = offers.flatMap((mentor, i) => Array.from({ length: slotsOf[i]! }, () => mentor));
  // Scored once per pair, then repeated for each of the mentor's slots.
  const scores = rows.map((mentee) =>
    offers.flatMap((mentor, i) => {
      const score = scorePair(mentor, mentee);
      return Array.from({ length: slotsOf[i]! }, () => score);
    }),
  );
  // Columns: the slots, then one "unmatched" column per mentee (0 points).
  const width = slots.length + rows.length;
  const cost = (row: number, column: number): number => {
    if (column >= slots.length) return 0;
    const score = scores[row]![column];
    return score === undefined ? FORBIDDEN : -score.score;
  };
  const columnOf = hungarian(rows.length, width, cost);
  const proposals: Proposal[] = [];
  const unmatched: string[] = [];
  rows.forEach((mentee, row) => {
    const column = columnOf[row]!;
    const score = column < slots.length ? scores[row]![column] : undefined;
    if (score === undefined) unmatched.push(mentee.menteeId);
    else proposals.push({ mentorId: slots[column]!.mentorId, menteeId: mentee.menteeId, ...score });
  });
  return { proposals, unmatched, total: proposals.reduce((sum, p) => sum + p.score, 0) };
}

/** Larger than any round's total score, smaller than float trouble: an ineligible cell is never chosen. */
const FORBIDDEN = 1e9;

/**
 * Minimum-cost assignment of every row to a distinct column (rows <= columns),
 * the O(rows² · columns) Hungarian algorithm with potentials. Returns the
 * column of each row.
 */
export function hungarian(rows: number, columns: number, cost: (row: number, column: number) => number): number[] {
  if (rows > columns) throw new RangeError(`hungarian: ${rows} rows need at least as many columns, not ${columns}`);
  // The matrix once, flat: the inner loop below runs rows² · columns times.
  const matrix = new Float64Array(rows * columns);
  for (let row = 0; row < rows; row++) for (let column = 0; column < columns; column++) matrix[row * columns + column] = cost(row, column);
  // 1-based arrays; index 0 of `match` is the row being placed.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(columns + 1);
  const match = new Int32Array(columns + 1);
  const way = new Int32Array(columns + 1);
  const minv = new Float64Array(columns + 1);
  const used = new Uint8Array(columns + 1);
  for (let row = 1; row <= rows; row++) {
    match[0] = row;
    let column0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[column0] = 1;
      const row0 = match[column0]!;
      const offset = (row0 - 1) * columns - 1;
      const u0 = u[row0]!;
      let delta = Number.POSITIVE_INFINITY;
      let column1 = 0;
      for (let column = 1; column <= columns; column++) {
        if (used[column]) continue;
        const reduced = matrix[offset + column]! - u0 - v[column]!;
        if (reduced < minv[column]!) {
          minv[column] = reduced;
          way[column] = column0;
        }
        if (minv[column]! < delta) {
          delta = minv[column]!;
          column1 = column;
        }
      }
      for (let column = 0; column <= columns; column++) {
        if (used[column]) {
          u[match[column]!]! += delta;
          v[column]! -= delta;
        } else {
          minv[column]! -= delta;
        }
      }
      column0 = column1;
    } while (match[column0] !== 0);
    do {
      const column1 = way[column0]!;
      match[column0] = match[column1]!;
      column0 = column1;
    } while (column0 !== 0);
  }
  const columnOf = new Array<number>(rows).fill(-1);
  for (let column = 1; column <= columns; column++) if (match[column]! > 0) columnOf[match[column]! - 1] = column - 1;
  return columnOf;
}

/**
 * Seniority rank of a level as the platform writes it: the number in it
 * ("IC3" is 3), managers above individual contributors of the same number
 * ("M3" is 3 + 2), an executive above everyone (10). A level without a number
 * ranks 0. Documented so that HR can read why a gap was counted.
 */
export function seniorityOf(level: string): number {
  if (/^exec/i.test(level.trim())) return 10;
  const number = Number(/\d+/.exec(level)?.[0] ?? 0);
  return /^m/i.test(level.trim()) ? number + 2 : number;
}
