import { z } from 'zod';
import { SEGMENT_ATTRIBUTES, SUGGESTION_CATEGORIES } from '../events/feedback.ts';
import { TASK_OWNERS } from '../events/onboarding.ts';
import { ATTRITION_REASONS, TENURE_BANDS } from '../read-models/attrition.ts';

/**
 * What the experience analytics routes answer (`/analytics/*`). Every one
 * takes `asOf` (the numbers as they stood at the end of that UTC day) and
 * answers CSV too (`Accept: text/csv` or `format=csv`) with the same cells
 * and the same suppression. A suppressed number is null with its reason,
 * never left out.
 */

const day = z.iso.date();
export const SUPPRESSION_REASONS = ['below-minimum', 'complement-below-minimum', 'next-smallest', 'overlap', 'no-respondents'] as const;
const reason = z.enum(SUPPRESSION_REASONS).nullable().describe('Why the number is withheld; null when shown.');

// ── Heatmap ─────────────────────────────────────────────────────────────────

export const heatmapCellSchema = z.object({
  value: z.string().describe("The segment value (the column); 'all' for everyone."),
  average: z.number().nullable().describe('Mean answer (agreement 1-5); null when suppressed or unanswered.'),
  favourable: z.number().nullable().describe('Share of answers 4-5, 0..1.'),
  suppressed: z.boolean(),
  reason,
});
export const heatmapResponseSchema = z.object({
  surveyId: z.uuid(),
  title: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  closedOn: day.nullable(),
  asOf: day,
  segment: z.enum(SEGMENT_ATTRIBUTES),
  minGroupSize: z.int(),
  columns: z.array(z.object({ value: z.string(), respondents: z.int().nullable(), suppressed: z.boolean(), reason })),
  rows: z.array(
    z.object({
      dimension: z.string().describe('A need dimension (question bank).'),
      driver: z.string().nullable().describe('A driver of the dimension; null on the row of the dimension as a whole.'),
      cells: z.array(heatmapCellSchema),
    }),
  ),
});
export type HeatmapResponse = z.output<typeof heatmapResponseSchema>;

// ── eNPS and participation ─────────────────────────────────────────────────

export const enpsResponseSchema = z.object({
  asOf: day,
  rounds: z.array(
    z.object({
      surveyId: z.uuid(),
      title: z.string().nullable(),
      launchedOn: day.nullable(),
      closedOn: day,
      invited: z.int().nullable(),
      respondents: z.int().nullable(),
      participation: z.number().nullable().describe('Respondents / invited, 0..1.'),
      enps: z.number().nullable().describe('% promoters minus % detractors; null when suppressed or the round asks no eNPS question.'),
      change: z.number().nullable().describe('eNPS minus the previous round shown with an eNPS (the trend).'),
      suppressed: z.boolean(),
      reason,
    }),
  ).describe('Rounds closed on or before asOf, oldest first.'),
});
export type EnpsResponse = z.output<typeof enpsResponseSchema>;

// ── Attrition ───────────────────────────────────────────────────────────────

export const attritionAnalyticsResponseSchema = z.object({
  asOf: day,
  from: day,
  to: day,
  minGroupSize: z.int(),
  headcount: z.int().min(0).describe('Employees hired and not departed at the end of asOf.'),
  departures: z.int().min(0).describe('Departures with a departure day in from..to, as recorded by asOf.'),
  voluntaryRate: z.number().nullable().describe('Voluntary departures / departures.'),
  regrettableRate: z.number().nullable().describe('Regrettable departures / departures.'),
  cells: z.array(
    z.object({
      primaryReason: z.enum(ATTRITION_REASONS),
      department: z.string(),
      tenureBand: z.enum(TENURE_BANDS),
      departures: z.int().nullable(),
      voluntary: z.int().nullable(),
      regrettable: z.int().nullable(),
      suppressed: z.boolean(),
      reason,
    }),
  ),
});
export type AttritionAnalyticsResponse = z.output<typeof attritionAnalyticsResponseSchema>;

// ── Onboarding ──────────────────────────────────────────────────────────────

export const onboardingAnalyticsResponseSchema = z.object({
  asOf: day,
  started: z.int().min(0).describe('Onboardings (plans assigned) up to asOf.'),
  completed: z.int().min(0),
  completionRate: z.number().nullable().describe('Completed / started.'),
  medianDaysToComplete: z.number().nullable().describe('From the start date to the completion, in days.'),
  overdueByOwner: z.array(z.object({ owner: z.enum(TASK_OWNERS), open: z.int().min(0), overdue: z.int().min(0) })).describe('Open onboarding tasks, and those past their due date on asOf, per owner.'),
});
export type OnboardingAnalyticsResponse = z.output<typeof onboardingAnalyticsResponseSchema>;

// ── Recognition ─────────────────────────────────────────────────────────────

export const recognitionAnalyticsResponseSchema = z.object({
  asOf: day,
  from: z.string().regex(/^\d{4}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}$/),
  minGroupSize: z.int(),
  values: z.array(
    z.object({
      month: z.string(),
      valueId: z.string(),
      recognitions: z.int().min(0),
      departments: z.array(z.object({ department: z.string(), recognitions: z.int().nullable(), suppressed: z.boolean(), reason })),
    }),
  ),
  recognisedLast90Days: z.object({
    employees: z.int().min(0).describe('Headcount at the end of asOf.'),
    recognised: z.int().min(0).describe('Of them, recognised (directly) in the 90 days up to asOf.'),
    share: z.number().nullable(),
  }),
});
export type RecognitionAnalyticsResponse = z.output<typeof recognitionAnalyticsResponseSchema>;

// ── Suggestions ─────────────────────────────────────────────────────────────

export const suggestionAnalyticsResponseSchema = z.object({
  asOf: day,
  categories: z.array(
    z.object({
      category: z.enum(SUGGESTION_CATEGORIES),
      submitted: z.int().min(0),
      answered: z.int().min(0),
      medianDaysToFirstAnswer: z.number().nullable(),
      p90DaysToFirstAnswer: z.number().nullable(),
      open: z.int().min(0),
      overdue: z.int().min(0).describe('Open past their answer deadline on asOf.'),
      overdueShare: z.number().nullable().describe('Overdue / open.'),
    }),
  ),
});
export type SuggestionAnalyticsResponse = z.output<typeof suggestionAnalyticsResponseSchema>;
