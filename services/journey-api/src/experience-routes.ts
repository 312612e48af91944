import { CalendarDate, isoDay } from '@ejp/contracts';
import {
  type AttritionAnalyticsResponse,
  attritionAnalyticsResponseSchema,
  type OnboardingAnalyticsResponse,
  onboardingAnalyticsResponseSchema,
  type RecognitionAnalyticsResponse,
  recognitionAnalyticsResponseSchema,
  type SuggestionAnalyticsResponse,
  suggestionAnalyticsResponseSchema,
} from '@ejp/contracts/read-models';
import type { ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { HR_READERS } from './access.ts';
import { answer, asOfOf, asOfQuery, CSV_NOTE, toCsv } from './experience-params.ts';
import { attritionFigures, onboardingFigures, recognitionFigures, suggestionFigures, yearBefore } from './experience-figures.ts';
import type { RouteContext } from './routes.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

const attritionCsv = (a: AttritionAnalyticsResponse) =>
  toCsv(
    ['asOf', 'from', 'to', 'primaryReason', 'department', 'tenureBand', 'departures', 'voluntary', 'regrettable', 'suppressed', 'reason'],
    a.cells.map((c) => [a.asOf, a.from, a.to, c.primaryReason, c.department, c.tenureBand, c.departures, c.voluntary, c.regrettable, c.suppressed, c.reason]),
  );
const onboardingCsv = (o: OnboardingAnalyticsResponse) =>
  toCsv(
    ['asOf', 'started', 'completed', 'completionRate', 'medianDaysToComplete', 'owner', 'open', 'overdue'],
    o.overdueByOwner.map((r) => [o.asOf, o.started, o.completed, o.completionRate, o.medianDaysToComplete, r.owner, r.open, r.overdue]),
  );
const recognitionCsv = (r: RecognitionAnalyticsResponse) =>
  toCsv(
    ['asOf', 'month', 'valueId', 'department', 'recognitions', 'suppressed', 'reason'],
    r.values.flatMap((v) => [[r.asOf, v.month, v.valueId, 'all', v.recognitions, false, null], ...v.departments.map((d) => [r.asOf, v.month, v.valueId, d.department, d.recognitions, d.suppressed, d.reason])]),
  );
const suggestionCsv = (s: SuggestionAnalyticsResponse) =>
  toCsv(
    ['asOf', 'category', 'submitted', 'answered', 'medianDaysToFirstAnswer', 'p90DaysToFirstAnswer', 'open', 'overdue', 'overdueShare'],
    s.categories.map((c) => [s.asOf, c.category, c.submitted, c.answered, c.medianDaysToFirstAnswer, c.p90DaysToFirstAnswer, c.open, c.overdue, c.overdueShare]),
  );

/** Attrition, onboarding, recognition and suggestion figures as of a day, from the dated deltas. HR and admin. */
export function registerExperienceRoutes(app: ServiceApp, { readStore, clock, minGroupSize }: RouteContext): void {
  const common = { config: { access: HR_READERS } } as const;
  app.get(
    '/analytics/attrition-rates',
    {
      ...common,
      schema: {
        operationId: 'getAttritionRates',
        summary: 'Departures by reason x department x tenure band, voluntary and regrettable rates, as of a day',
        description: `Departures with a departure day in from..to as recorded by asOf (an exit interview recorded later moves its departure then). Cells below the minimum group size are withheld. ${CSV_NOTE}`,
        tags: ['analytics'],
        querystring: z
          .object({ from: CalendarDate.optional().describe('First departure day (default: 364 days before asOf).'), to: CalendarDate.optional().describe('Last departure day (default: asOf).'), ...asOfQuery })
          .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must be from or later' }),
        response: { 200: attritionAnalyticsResponseSchema },
      },
    },
    async (request, reply) => {
      const asOf = asOfOf(request.query, clock);
      const body = await attritionFigures(readStore, { asOf, from: request.query.from ?? yearBefore(asOf), to: request.query.to ?? asOf }, minGroupSize);
      return answer(request, reply, body, attritionCsv, 'attrition');
    },
  );
  app.get(
    '/analytics/onboarding',
    {
      ...common,
      schema: {
        operationId: 'getOnboardingAnalytics',
        summary: 'Onboarding completion rate, median days to complete, overdue tasks by owner, as of a day',
        description: CSV_NOTE,
        tags: ['analytics'],
        querystring: z.object(asOfQuery),
        response: { 200: onboardingAnalyticsResponseSchema },
      },
    },
    async (request, reply) => answer(request, reply, await onboardingFigures(readStore, asOfOf(request.query, clock)), onboardingCsv, 'onboarding'),
  );
  app.get(
    '/analytics/recognition',
    {
      ...common,
      schema: {
        operationId: 'getRecognitionAnalytics',
        summary: 'Recognitions per value x department x month, and the share of employees recognised in the last 90 days, as of a day',
        description: `A withdrawal counts from its own day. Department counts obey the minimum group size. ${CSV_NOTE}`,
        tags: ['analytics'],
        querystring: z
          .object({ from: month.optional().describe('First month (default: 11 months before asOf).'), to: month.optional().describe("Last month (default: asOf's)."), ...asOfQuery })
          .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must be from or later' }),
        response: { 200: recognitionAnalyticsResponseSchema },
      },
    },
    async (request, reply) => {
      const asOf = asOfOf(request.query, clock);
      const to = request.query.to ?? asOf.slice(0, 7);
      const from = request.query.from ?? isoDay(new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5)) - 12, 1))).slice(0, 7);
      return answer(request, reply, await recognitionFigures(readStore, { asOf, from, to }, minGroupSize), recognitionCsv, 'recognition');
    },
  );
  app.get(
    '/analytics/suggestions',
    {
      ...common,
      schema: {
        operationId: 'getSuggestionAnalytics',
        summary: 'Time to first answer (median, 90th percentile) and overdue share per category, as of a day',
        description: CSV_NOTE,
        tags: ['analytics'],
        querystring: z.object(asOfQuery),
        response: { 200: suggestionAnalyticsResponseSchema },
      },
    },
    async (request, reply) => answer(request, reply, await suggestionFigures(readStore, asOfOf(request.query, clock)), suggestionCsv, 'suggestions'),
  );
}
