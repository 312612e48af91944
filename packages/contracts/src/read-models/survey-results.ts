import { z } from 'zod';
import { ANONYMITY_MODES, SEGMENT_ATTRIBUTES, type Segment, type SegmentAttribute, segmentValue } from '../events/feedback.ts';
import { surveyQuestionSchema } from '../feedback/question-bank.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

/**
 * The aggregates of one survey, maintained incrementally (each response adds
 * to its cells with `inc`, nothing is rescanned): per cell (everyone, and one
 * per segment attribute value) how many were invited and responded and, per
 * scale question, the sum, favourable, promoter and detractor counts; per
 * pair of cells of two attributes how many responded in both (the overlap
 * rule needs it). Raw aggregates: only `surveyResults` (feedback/survey-results.ts)
 * may turn them into published numbers, behind the suppression rules.
 */

export const questionAggregateSchema = z.object({
  sum: z.number(),
  /** Answers of 4 or more (favourable on the agreement scale). */
  fav: z.int().min(0).optional(),
  /** Answers of 9-10 (promoters, favourable on 0-10) and of 0-6 (detractors). */
  pro: z.int().min(0).optional(),
  det: z.int().min(0).optional(),
});

export const resultCellSchema = z.object({
  attribute: z.enum(['all', ...SEGMENT_ATTRIBUTES]),
  value: z.union([segmentValue, z.literal('all')]),
  invited: z.int().min(0).optional(),
  n: z.int().min(0).optional(),
  q: z.record(z.string(), questionAggregateSchema).optional(),
});
export type ResultCell = z.output<typeof resultCellSchema>;

export const surveyResultsSchema = z.object({
  surveyId: z.uuid(),
  title: z.string().optional(),
  anonymity: z.enum(ANONYMITY_MODES).optional(),
  questions: z.array(surveyQuestionSchema).optional(),
  minGroupSize: z.int().min(3).optional(),
  previousSurveyId: z.uuid().optional(),
  launchedOn: z.iso.date().optional(),
  closedOn: z.iso.date().optional(),
  cells: z.record(z.string(), resultCellSchema).optional(),
  pairs: z.record(z.string(), z.int().min(0)).optional(),
});
export type SurveyResultsDocument = z.output<typeof surveyResultsSchema>;

export const SurveyResultsReadModel = defineReadModel({
  collection: 'survey_results',
  schema: surveyResultsSchema,
  idIs: 'the survey id',
  indexes: [],
});
export type SurveyResults = ReadModelDocument<typeof SurveyResultsReadModel>;

/** A free-text answer, kept apart from the scores; shown only behind the rules, shuffled, dated to the close. */
export const surveyCommentSchema = z.object({
  surveyId: z.uuid(),
  questionId: z.string(),
  text: z.string(),
});
export const SurveyCommentsReadModel = defineReadModel({
  collection: 'survey_comments',
  schema: surveyCommentSchema,
  idIs: 'the response event id and the question id',
  indexes: [['surveyId']],
});
export type SurveyComment = ReadModelDocument<typeof SurveyCommentsReadModel>;

/** The key of a cell in `cells`: read-store paths are identifiers, segment values are slugs. */
export function cellKey(attribute: SegmentAttribute | 'all', value = 'all'): string {
  return attribute === 'all' ? 'all' : `${attribute}__${value.replaceAll('-', '_')}`;
}

/** The key of a pair of cells (in the order of SEGMENT_ATTRIBUTES) in `pairs`. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}___${b}` : `${b}___${a}`;
}

/** The cells one respondent counts in: everyone, and one per attribute. */
export function cellsOf(segment: Segment): string[] {
  return ['all', ...SEGMENT_ATTRIBUTES.map((attribute) => cellKey(attribute, segment[attribute]))];
}
