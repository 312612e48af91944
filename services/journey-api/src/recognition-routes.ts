import { allowanceMonth, allowanceMonthOf, canSee, DEFAULT_MONTHLY_ALLOWANCE } from '@ejp/contracts';
import {
  type FeedEntry,
  feedKeysOf,
  type OrganisationSettings,
  OrganisationSettingsReadModel,
  type Recognition,
  RecognitionFeedReadModel,
  RecognitionReadModel,
  recognitionSchema,
  type RecognitionSummary,
  RecognitionSummaryReadModel,
  summaryKeys,
} from '@ejp/contracts/read-models';
import { InvalidCursorError, type Page } from '@ejp/readstore';
import { type AccessPolicy, AppError, ErrorCodes, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { JOURNEY_READERS } from './access.ts';

/** The public feed: every signed-in person (it holds public recognitions only). */
const FEED_READERS: AccessPolicy = { roles: ['employee', 'manager', 'hr', 'admin'] };
import { employeeParams, journeyProblems } from './params.ts';
import { loadStatus } from './read-your-writes.ts';
import type { RouteContext } from './routes.ts';

const MAX_PAGE_SIZE = 100;
const shape = recognitionSchema.shape;

const feedQuery = z.object({
  cursor: z.string().min(1).max(2000).optional().describe('`nextCursor` of the previous page; send the same filters with it.'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20).describe(`Recognitions per page (1..${MAX_PAGE_SIZE}).`),
  value: shape.values.element.optional().describe('Only recognitions tagged with this company value.'),
  department: z.string().min(1).max(200).optional().describe("Only recognitions of this department's people (a shout-out: its department)."),
});

/** A feed item: the read model without whom else it would be visible to (a public one is visible to all). */
const feedItem = recognitionSchema.omit({ recipientManagerIds: true, withdrawnAt: true });
const feedPage = z.object({
  items: z.array(feedItem).describe('Public recognitions and shout-outs, newest first; withdrawn ones are gone.'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});

const windowCounts = z.object({ last30Days: z.int().min(0), last90Days: z.int().min(0) });
const summaryResponse = z.object({
  employeeId: employeeParams.shape.employeeId,
  received: windowCounts.describe('Recognitions received (team shout-outs are not counted), by day in UTC.'),
  given: windowCounts.describe('Recognitions and shout-outs given.'),
  pointsBalance: z.int().min(0).describe('Points received, all time: received points never expire.'),
  allowance: z.object({
    month: allowanceMonth.describe('The allowance month now, in ORG_TIMEZONE (YYYY-MM).'),
    monthlyAllowance: z.int().min(0),
    spent: z.int().min(0),
    left: z.int().min(0).describe('Base allowance left this month: it does not roll over.'),
    boostLeft: z.int().min(0).describe('Boost points left: they roll over.'),
  }),
  topValues: z.array(z.object({ valueId: shape.values.element, name: z.string().nullable(), recognitions: z.int().min(1) })).describe('Company values received most, at most five.'),
});

const cursorProblem = (error: unknown) => new AppError(ErrorCodes.EJP_BAD_REQUEST, 'The cursor is not one this feed issued; start again without it.', { cause: error });

/** The sum of the counters of the `days` UTC days up to and including `today`. */
function lastDays(byDay: Record<string, number> | undefined, now: Date, days: number): number {
  const first = summaryKeys.day(new Date(now.getTime() - (days - 1) * 86_400_000).toISOString());
  return Object.entries(byDay ?? {}).reduce((sum, [day, n]) => (day >= first ? sum + n : sum), 0);
}

export function registerRecognitionRoutes(app: ServiceApp, { readStore, clock, wait, organisationId, timeZone }: RouteContext): void {
  app.get(
    '/recognitions',
    {
      config: { access: FEED_READERS },
      schema: {
        operationId: 'getRecognitionFeed',
        summary: 'The public recognition feed',
        description:
          'Public recognitions and team shout-outs, newest first, filtered by company value and/or department. Recognitions for the recipients only (or their managers) are never in it, and a withdrawn one leaves it. The message is personal data of the giver and is not part of any read model.',
        tags: ['recognition-feed'],
        querystring: feedQuery,
        response: { 200: feedPage },
      },
    },
    async (request) => {
      const { cursor, limit, value, department } = request.query;
      let page: Page<FeedEntry>;
      try {
        page = await readStore.query<FeedEntry>(RecognitionFeedReadModel.collection, {
          where: { key: feedKeysOf({ value, department }), withdrawn: false },
          orderBy: [{ field: 'givenAt', direction: 'desc' }],
          limit,
          ...(cursor ? { cursor } : {}),
        });
      } catch (error) {
        if (error instanceof InvalidCursorError) throw cursorProblem(error);
        throw error;
      }
      const found = await readStore.getMany<Recognition>(RecognitionReadModel.collection, page.items.map((item) => item.doc.recognitionId));
      const viewer = { id: request.user!.subject };
      const items = page.items.flatMap(({ doc: { recognitionId } }) => {
        const recognition = found.get(recognitionId)?.doc;
        if (!recognition || recognition.withdrawnAt !== null || !canSee(viewer, recognition)) return [];
        const { recipientManagerIds: _, withdrawnAt: __, ...item } = recognition;
        return [item];
      });
      return { items, nextCursor: page.nextCursor ?? null };
    },
  );

  app.get(
    '/employees/:employeeId/recognition-summary',
    {
      config: { access: JOURNEY_READERS },
      schema: {
        operationId: 'getRecognitionSummary',
        summary: "An employee's recognition summary",
        description:
          'Recognitions received and given in the last 30 and 90 days, the points balance, the allowance left this month (in the organisation time zone) and the company values received most. Counts only: which recognitions they are is what the timeline and feed show, by their visibility. Employees read only their own, managers those of their reporting line, HR everyone.',
        tags: ['recognition-feed'],
        params: employeeParams,
        response: { 200: summaryResponse, ...journeyProblems },
      },
    },
    async (request) => {
      const { employeeId } = request.params;
      if (!(await loadStatus(readStore, employeeId, undefined, wait))) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No journey is known for employee ${employeeId}.`);
      const [summary, settings] = await Promise.all([
        readStore.get<RecognitionSummary>(RecognitionSummaryReadModel.collection, employeeId),
        readStore.get<OrganisationSettings>(OrganisationSettingsReadModel.collection, organisationId),
      ]);
      const s = summary?.doc;
      const now = clock();
      const month = allowanceMonthOf(now, timeZone);
      const monthlyAllowance = settings?.doc.monthlyAllowance ?? DEFAULT_MONTHLY_ALLOWANCE;
      const spent = s?.spentByMonth?.[summaryKeys.month(month)] ?? 0;
      const names = new Map((settings?.doc.values ?? []).map((v) => [v.valueId, v.name]));
      const topValues = Object.entries(s?.valuesReceived ?? {})
        .map(([key, recognitions]) => ({ valueId: summaryKeys.valueIdOf(key), recognitions }))
        .filter((v) => v.recognitions > 0)
        .sort((a, b) => b.recognitions - a.recognitions || a.valueId.localeCompare(b.valueId))
        .slice(0, 5)
        .map((v) => ({ ...v, name: names.get(v.valueId) ?? null }));
      return {
        employeeId,
        received: { last30Days: lastDays(s?.receivedByDay, now, 30), last90Days: lastDays(s?.receivedByDay, now, 90) },
        given: { last30Days: lastDays(s?.givenByDay, now, 30), last90Days: lastDays(s?.givenByDay, now, 90) },
        pointsBalance: s?.pointsReceived ?? 0,
        allowance: { month, monthlyAllowance, spent, left: Math.max(0, monthlyAllowance - spent), boostLeft: Math.max(0, (s?.boostGranted ?? 0) - (s?.boostSpent ?? 0)) },
        topValues,
      };
    },
  );
}
