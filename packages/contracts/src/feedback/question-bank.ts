import { z } from 'zod';

/**
 * The survey question bank on the five need dimensions of the architecture
 * (work itself, management support, growth, pay and benefits, environment),
 * each with its drivers; the eNPS question (0-10) and the engagement outcomes.
 * Results are reported per dimension and per driver, so every bank question
 * names both; a custom question names a dimension and driver of its own choice
 * or none (then it is reported on its own).
 */

export const NEED_DIMENSIONS = {
  'work-itself': ['challenge', 'achievement'],
  'management-support': ['leadership', 'communication'],
  growth: ['training', 'promotion-paths'],
  'pay-and-benefits': ['competitiveness', 'flexibility'],
  environment: ['team-climate', 'workplace'],
} as const;
export type NeedDimension = keyof typeof NEED_DIMENSIONS;
export const NEED_DIMENSION_IDS = Object.keys(NEED_DIMENSIONS) as NeedDimension[];
export const NEED_DRIVERS = Object.values(NEED_DIMENSIONS).flat();
export type NeedDriver = (typeof NEED_DRIVERS)[number];

/** Agreement 1-5 (4-5 favourable), a 0-10 likelihood (eNPS), or free text. */
export const QUESTION_SCALES = ['agreement-5', 'zero-to-ten', 'free-text'] as const;
export type QuestionScale = (typeof QUESTION_SCALES)[number];

export const questionId = z.string().regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'lower-case words joined by underscores, e.g. work_challenge').max(60);

export const surveyQuestionSchema = z
  .strictObject({
    questionId,
    text: z.string().trim().min(1).max(500),
    scale: z.enum(QUESTION_SCALES),
    /** What the question measures: a need dimension and driver, the eNPS, or an engagement outcome. */
    measures: z.enum(['need', 'enps', 'engagement', 'custom']),
    dimension: z.enum(NEED_DIMENSION_IDS as [NeedDimension, ...NeedDimension[]]).optional(),
    driver: z.enum(NEED_DRIVERS as unknown as [NeedDriver, ...NeedDriver[]]).optional(),
  })
  .refine((q) => q.measures !== 'need' || (q.dimension !== undefined && q.driver !== undefined), {
    message: 'a need question names its dimension and driver',
    path: ['dimension'],
  })
  .refine((q) => q.dimension === undefined || q.driver === undefined || (NEED_DIMENSIONS[q.dimension] as readonly string[]).includes(q.driver), {
    message: 'the driver must belong to the dimension',
    path: ['driver'],
  })
  .refine((q) => q.measures !== 'enps' || q.scale === 'zero-to-ten', { message: 'the eNPS question is on the 0-10 scale', path: ['scale'] });
export type SurveyQuestion = z.output<typeof surveyQuestionSchema>;

const need = (questionId: string, dimension: NeedDimension, driver: NeedDriver, text: string): SurveyQuestion => ({
  questionId,
  text,
  scale: 'agreement-5',
  measures: 'need',
  dimension,
  driver,
});

/** The bank: two statements per dimension (one per driver), eNPS, two engagement outcomes and an open comment. */
export const QUESTION_BANK: readonly SurveyQuestion[] = Object.freeze([
  need('work_challenge', 'work-itself', 'challenge', 'My work challenges me in a good way.'),
  need('work_achievement', 'work-itself', 'achievement', 'I can see what I achieve in my work.'),
  need('management_leadership', 'management-support', 'leadership', 'I trust the direction set by leadership.'),
  need('management_communication', 'management-support', 'communication', 'My manager keeps me informed about what matters to my work.'),
  need('growth_training', 'growth', 'training', 'I get the training I need to grow.'),
  need('growth_promotion', 'growth', 'promotion-paths', 'I understand how I can progress here.'),
  need('pay_competitiveness', 'pay-and-benefits', 'competitiveness', 'I am paid fairly for what I do.'),
  need('pay_flexibility', 'pay-and-benefits', 'flexibility', 'My benefits and working arrangements fit my life.'),
  need('environment_team', 'environment', 'team-climate', 'I feel I belong in my team.'),
  need('environment_workplace', 'environment', 'workplace', 'My workplace lets me do my best work.'),
  { questionId: 'enps', text: 'How likely are you to recommend working here to a friend?', scale: 'zero-to-ten', measures: 'enps' },
  { questionId: 'engagement_proud', text: 'I am proud to work here.', scale: 'agreement-5', measures: 'engagement' },
  { questionId: 'engagement_stay', text: 'I see myself still working here in two years.', scale: 'agreement-5', measures: 'engagement' },
  { questionId: 'comment', text: 'Anything else you would like to tell us?', scale: 'free-text', measures: 'custom' },
]);

export function bankQuestion(id: string): SurveyQuestion | undefined {
  return QUESTION_BANK.find((q) => q.questionId === id);
}

/** A value on a scale: agreement 1-5 (favourable 4-5), 0-10 (promoter 9-10, detractor 0-6). */
export function isFavourable(scale: QuestionScale, value: number): boolean {
  return scale === 'agreement-5' ? value >= 4 : value >= 9;
}
