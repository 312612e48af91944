import { type AttritionCell, AttritionReadModel, ATTRITION_DIMENSIONS, attritionDimensionsSchema } from '@ejp/contracts/read-models';
import type { ReadStore } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { HR_READERS } from './access.ts';
import { type AttritionFilter, attritionAnswer, type Dimension } from './attrition-view.ts';
import { allDocuments, booleanQuery, monthsBetween } from './params.ts';
import type { RouteContext } from './routes.ts';

/** At most ten years per answer: the read is every cell of the period. */
const MAX_MONTHS = 120;
const month = attritionDimensionsSchema.shape.month;
const shape = attritionDimensionsSchema.shape;


const attritionQuery = z
  .object({
    from: month.describe('First month of the period (YYYY-MM).'),
    to: month.describe(`Last month of the period (YYYY-MM), at most ${MAX_MONTHS} months after from.`),
    groupBy: z
      .string()
      .default('month')
      .transform((list) => [...new Set(list.split(',').map((name) => name.trim()))])
      .pipe(z.array(z.enum(ATTRITION_DIMENSIONS)).min(1))
      .describe(`Comma-separated dimensions to break the departures down by: ${ATTRITION_DIMENSIONS.join(', ')}.`),
    department: shape.department.min(1).max(200).optional().describe('Only departures from this department.'),
    primaryReason: shape.primaryReason.optional().describe('Only departures with this primary exit reason.'),
    tenureBand: shape.tenureBand.optional().describe('Only departures in this tenure band.'),
    voluntary: booleanQuery('Only voluntary (true) or involuntary (false) departures.'),
    regrettable: booleanQuery('Only regrettable (true) or non-regrettable (false) departures.'),
  })
  .refine((q) => q.from <= q.to && monthsBetween(q.from, q.to) <= MAX_MONTHS, { path: ['to'], message: `to must be from or later, at most ${MAX_MONTHS} months on` });

const suppression = z
  .enum(['below-minimum', 'complement-below-minimum', 'next-smallest'])
  .nullable()
  .describe('Why the count is withheld: fewer departures than the minimum group size, a complement that small, or the next-smallest group hidden so a withheld one cannot be derived from the total.');

const attritionResponse = z.object({
  from: month,
  to: month,
  groupBy: z.array(z.enum(ATTRITION_DIMENSIONS)),
  filter: attritionDimensionsSchema.omit({ month: true }).partial(),
  minGroupSize: z.int().describe('Counts below company level are shown only for groups of at least this many departures (ANALYTICS_MIN_GROUP_SIZE).'),
  companyDepartures: z.int().min(0).describe('Every departure in the period: company level, never withheld.'),
  departures: z.int().min(0).nullable().describe('The departures the filter selects; null when withheld.'),
  suppressed: suppression,
  groups: z
    .array(
      z.object({
        key: attritionDimensionsSchema.partial().describe('The values of the groupBy dimensions.'),
        departures: z.int().min(0).nullable().describe('null when withheld.'),
        suppressed: suppression,
      }),
    )
    .describe('One group per combination of the groupBy dimensions with departures, in dimension order; empty when the whole answer is withheld.'),
});

const cellsOf = (readStore: ReadStore, from: string, to: string) =>
  allDocuments<AttritionCell>(readStore, AttritionReadModel.collection, { where: { month: { gte: from, lte: to } }, orderBy: [{ field: 'month' }] });

export function registerAttritionRoute(app: ServiceApp, { readStore, minGroupSize }: RouteContext): void {
  app.get(
    '/analytics/attrition',
    {
      config: { access: HR_READERS },
      schema: {
        operationId: 'getAttrition',
        summary: 'Attrition analytics',
        description:
          'Departures by month, primary exit reason, department, tenure band, voluntary and regrettable, broken down by any of them and filtered by any. Everything below company level obeys the minimum group size: a group with fewer departures is withheld, so is a filter or group whose complement is that small, and the next-smallest group when a withheld one could be derived. HR and admin only.',
        tags: ['analytics'],
        querystring: attritionQuery,
        response: { 200: attritionResponse },
      },
    },
    async (request) => {
      const { from, to, groupBy, department, primaryReason, tenureBand, voluntary, regrettable } = request.query;
      const filter: AttritionFilter = Object.fromEntries(
        Object.entries({ department, primaryReason, tenureBand, voluntary, regrettable }).filter(([, value]) => value !== undefined),
      );
      const answer = attritionAnswer(await cellsOf(readStore, from, to), groupBy as Dimension[], filter, minGroupSize);
      return { from, to, groupBy, filter, minGroupSize, ...answer };
    },
  );
}
