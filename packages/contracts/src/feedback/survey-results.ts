import { z } from 'zod';
import { SEGMENT_ATTRIBUTES } from '../events/feedback.ts';
import type { ResultCell, SurveyComment, SurveyResultsDocument } from '../read-models/survey-results.ts';
import { NEED_DIMENSION_IDS, NEED_DIMENSIONS, type SurveyQuestion } from './question-bank.ts';
import { suppressCells } from './survey-suppression.ts';

/**
 * Published survey results: the only way from the aggregates (read model
 * survey_results) to numbers a reader sees, so the suppression rules hold
 * wherever results are shown. Per cell shown: respondents, response rate,
 * eNPS, and per question, driver and dimension the average, the favourable
 * share (agreement 4-5) and the change against the previous round (where
 * that round shows the same cell). A hidden cell shows why, no number.
 */

const score = z.object({
  average: z.number().describe('Mean answer (agreement 1-5, or 0-10).'),
  favourable: z.number().describe('Share of favourable answers, 0..1 (agreement 4-5; 0-10 at 9-10).'),
  change: z.number().nullable().describe('Average now minus average in the previous round; null when that round shows no number here.'),
});
const hidden = z.object({ suppressed: z.literal(true), reason: z.enum(['below-minimum', 'complement-below-minimum', 'next-smallest', 'overlap', 'no-respondents']) });
export const publishedCellSchema = z.union([
  z.object({
    suppressed: z.literal(false),
    respondents: z.int(),
    invited: z.int().nullable(),
    responseRate: z.number().nullable(),
    enps: z.number().nullable().describe('% promoters (9-10) minus % detractors (0-6); null without an eNPS question.'),
    questions: z.array(score.extend({ questionId: z.string() })),
    drivers: z.array(score.extend({ dimension: z.string(), driver: z.string() })),
    dimensions: z.array(score.extend({ dimension: z.string() })),
  }),
  hidden,
]);
export type PublishedCell = z.output<typeof publishedCellSchema>;

export const surveyResultsResponseSchema = z.object({
  surveyId: z.uuid(),
  status: z.enum(['open', 'closed']),
  minGroupSize: z.int(),
  closedOn: z.iso.date().nullable(),
  overall: publishedCellSchema,
  segments: z.array(z.object({ attribute: z.enum(SEGMENT_ATTRIBUTES), value: z.string(), result: publishedCellSchema })),
  comments: z.array(z.object({ questionId: z.string(), text: z.string(), dated: z.iso.date() })).describe('Only after the close, only when the group is shown; shuffled, dated to the close.'),
});
export type SurveyResultsResponse = z.output<typeof surveyResultsResponseSchema>;

export interface SurveyResultsInput {
  doc: SurveyResultsDocument;
  previous?: SurveyResultsDocument | undefined;
  comments?: readonly SurveyComment[];
  /** A uniform random in [0, 1) for the shuffle (tests pin it). */
  random?: () => number;
}

export function surveyResults(input: SurveyResultsInput): SurveyResultsResponse {
  const { doc } = input;
  const questions = doc.questions ?? [];
  const suppression = suppressCells(doc);
  const previous = input.previous ? { doc: input.previous, suppression: suppressCells(input.previous) } : undefined;
  const publish = (key: string): PublishedCell => {
    const decision = suppression.cells.get(key) ?? { shown: false, reason: 'no-respondents' as const };
    if (!decision.shown) return { suppressed: true, reason: decision.reason };
    const prior = previous?.suppression.cells.get(key)?.shown ? previous.doc.cells?.[key] : undefined;
    return cellScores(doc.cells![key]!, questions, prior);
  };
  const segments = Object.entries(doc.cells ?? {})
    .filter(([, cell]) => cell.attribute !== 'all')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, cell]) => ({ attribute: cell.attribute as (typeof SEGMENT_ATTRIBUTES)[number], value: cell.value, result: publish(key) }));
  const overall = publish('all');
  const closed = doc.closedOn !== undefined;
  const comments = closed && !overall.suppressed ? shuffled(input.comments ?? [], input.random ?? Math.random).map((c) => ({ questionId: c.questionId, text: c.text, dated: doc.closedOn! })) : [];
  return { surveyId: doc.surveyId, status: closed ? 'closed' : 'open', minGroupSize: suppression.minGroupSize, closedOn: doc.closedOn ?? null, overall, segments, comments };
}

interface Totals {
  sum: number;
  fav: number;
  answers: number;
}

function cellScores(cell: ResultCell, questions: readonly SurveyQuestion[], prior: ResultCell | undefined): PublishedCell {
  const n = cell.n ?? 0;
  const scaled = questions.filter((q) => q.scale !== 'free-text');
  const totals = (c: ResultCell | undefined, of: readonly SurveyQuestion[]): Totals | undefined => {
    if (!c?.n) return undefined;
    const present = of.filter((q) => c.q?.[q.questionId]);
    if (present.length === 0) return undefined;
    return present.reduce(
      (t, q) => {
        const a = c.q![q.questionId]!;
        return { sum: t.sum + a.sum, fav: t.fav + ((q.scale === 'agreement-5' ? a.fav : a.pro) ?? 0), answers: t.answers + c.n! };
      },
      { sum: 0, fav: 0, answers: 0 },
    );
  };
  const scoreOf = (of: readonly SurveyQuestion[]) => {
    const now = totals(cell, of);
    if (!now) return undefined;
    const before = totals(prior, of);
    const average = now.sum / now.answers;
    return { average: round(average), favourable: round(now.fav / now.answers), change: before ? round(average - before.sum / before.answers) : null };
  };
  const enpsQuestion = questions.find((q) => q.measures === 'enps');
  const enps = enpsQuestion && cell.q?.[enpsQuestion.questionId];
  const needs = scaled.filter((q) => q.measures === 'need');
  return {
    suppressed: false,
    respondents: n,
    invited: cell.invited ?? null,
    responseRate: cell.invited ? round(n / cell.invited) : null,
    enps: enps ? round((100 * ((enps.pro ?? 0) - (enps.det ?? 0))) / n) : null,
    questions: scaled.flatMap((q) => {
      const s = scoreOf([q]);
      return s ? [{ questionId: q.questionId, ...s }] : [];
    }),
    drivers: NEED_DIMENSION_IDS.flatMap((dimension) =>
      NEED_DIMENSIONS[dimension].flatMap((driver) => {
        const s = scoreOf(needs.filter((q) => q.driver === driver));
        return s ? [{ dimension, driver, ...s }] : [];
      }),
    ),
    dimensions: NEED_DIMENSION_IDS.flatMap((dimension) => {
      const s = scoreOf(needs.filter((q) => q.dimension === dimension));
      return s ? [{ dimension, ...s }] : [];
    }),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
