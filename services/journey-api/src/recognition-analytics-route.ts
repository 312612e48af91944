import { allowanceMonth, suppressSmallGroups } from '@ejp/contracts';
import { RecognitionValueCellReadModel, type ValueCell, valueCellSchema } from '@ejp/contracts/read-models';
import type { ReadStore } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { HR_READERS } from './access.ts';
import { allDocuments, monthsBetween } from './params.ts';
import type { RouteContext } from './routes.ts';

const MAX_MONTHS = 36;

const valuesQuery = z
  .object({
    from: allowanceMonth.describe('First month (YYYY-MM, UTC).'),
    to: allowanceMonth.describe(`Last month (YYYY-MM), at most ${MAX_MONTHS} months after from.`),
  })
  .refine((q) => q.from <= q.to && monthsBetween(q.from, q.to) <= MAX_MONTHS, { path: ['to'], message: `to must be from or later, at most ${MAX_MONTHS} months on` });

const suppression = z.enum(['below-minimum', 'complement-below-minimum', 'next-smallest']).nullable().describe('Why the count is withheld, or null.');
const valuesResponse = z.object({
  from: allowanceMonth,
  to: allowanceMonth,
  minGroupSize: z.int().describe('A department count below this many recognitions is withheld (ANALYTICS_MIN_GROUP_SIZE), and the next-smallest with it while the withheld ones add up to fewer.'),
  values: z
    .array(
      z.object({
        month: valueCellSchema.shape.month,
        valueId: valueCellSchema.shape.valueId,
        recognitions: z.int().min(0).describe("The departments' counts added up (company level): never withheld."),
        departments: z.array(z.object({ department: z.string(), recognitions: z.int().min(0).nullable(), suppressed: suppression })),
      }),
    )
    .describe('Per month and company value, the recognitions in all and per department of the recipients (a recognition to two departments counts in each).'),
});

async function cellsOf(readStore: ReadStore, from: string, to: string): Promise<ValueCell[]> {
  const cells = await allDocuments<ValueCell>(readStore, RecognitionValueCellReadModel.collection, { where: { month: { gte: from, lte: to } }, orderBy: [{ field: 'month' }] });
  return cells.filter((c) => c.recognitions > 0);
}

/**
 * Recognitions per company value, department and month. A department's
 * count is about its few people when it is small, so the platform's minimum
 * group size applies below company level as in the attrition analytics.
 */
export function registerRecognitionAnalyticsRoute(app: ServiceApp, { readStore, minGroupSize }: RouteContext): void {
  app.get(
    '/analytics/recognition-values',
    {
      config: { access: HR_READERS },
      schema: {
        operationId: 'getRecognitionValues',
        summary: 'Recognitions per company value, department and month',
        description: 'Withdrawn recognitions are not counted. Department counts obey the minimum group size; company-level counts are always shown. HR and admin only.',
        tags: ['analytics'],
        querystring: valuesQuery,
        response: { 200: valuesResponse },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const groups = new Map<string, ValueCell[]>();
      for (const cell of await cellsOf(readStore, from, to)) {
        const key = `${cell.month}|${cell.valueId}`;
        groups.set(key, [...(groups.get(key) ?? []), cell]);
      }
      const values = [...groups.values()]
        .map((cells) => {
          const sorted = [...cells].sort((a, b) => a.department.localeCompare(b.department));
          const shown = suppressSmallGroups(sorted.map((c) => ({ key: c.department, count: c.recognitions })), minGroupSize);
          return {
            month: cells[0]!.month,
            valueId: cells[0]!.valueId,
            recognitions: cells.reduce((sum, c) => sum + c.recognitions, 0),
            departments: shown.map((g) => ({ department: g.key, recognitions: g.count, suppressed: g.suppressed ? g.reason : null })),
          };
        })
        .sort((a, b) => a.month.localeCompare(b.month) || a.valueId.localeCompare(b.valueId));
      return { from, to, minGroupSize, values };
    },
  );
}
