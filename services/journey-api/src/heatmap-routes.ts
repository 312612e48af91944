import { isoDay, SEGMENT_ATTRIBUTES } from '@ejp/contracts';
import {
  type EnpsResponse,
  enpsResponseSchema,
  enpsTrend,
  type HeatmapResponse,
  heatmapResponseSchema,
  latestClosedRound,
  type SurveyResults,
  SurveyResultsReadModel,
  surveyHeatmap,
} from '@ejp/contracts/read-models';
import { AppError, ErrorCodes, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { HR_READERS } from './access.ts';
import { answer, asOfOf, asOfQuery, CSV_NOTE, toCsv } from './experience-params.ts';
import { allDocuments } from './params.ts';
import type { RouteContext } from './routes.ts';

const heatmapQuery = z.object({
  surveyId: z.uuid().optional().describe('The round to show (default: the last one closed by asOf).'),
  segment: z.enum(SEGMENT_ATTRIBUTES).default('department').describe('The columns: one per value of this attribute, after everyone.'),
  ...asOfQuery,
});

function heatmapCsv(h: HeatmapResponse): string {
  const rows = h.rows.flatMap((row) => row.cells.map((c) => [h.surveyId, h.segment, c.value, row.dimension, row.driver, c.average, c.favourable, c.suppressed, c.reason]));
  return toCsv(['surveyId', 'segment', 'value', 'dimension', 'driver', 'average', 'favourable', 'suppressed', 'reason'], rows);
}

function enpsCsv(e: EnpsResponse): string {
  return toCsv(
    ['surveyId', 'title', 'launchedOn', 'closedOn', 'invited', 'respondents', 'participation', 'enps', 'change', 'suppressed', 'reason'],
    e.rounds.map((r) => [r.surveyId, r.title, r.launchedOn, r.closedOn, r.invited, r.respondents, r.participation, r.enps, r.change, r.suppressed, r.reason]),
  );
}

/** The survey side of the experience analytics: need heatmap and eNPS trend, both views of the published results (suppression in contracts). */
export function registerHeatmapRoutes(app: ServiceApp, { readStore, clock }: RouteContext): void {
  app.get(
    '/analytics/heatmap',
    {
      config: { access: HR_READERS },
      schema: {
        operationId: 'getNeedHeatmap',
        summary: 'Need dimensions and drivers x segment for one survey round',
        description: `Every cell passes the survey suppression rules (minimum group size, complement, next-smallest, overlap); a hidden one says why. asOf before today shows only rounds closed by then. HR and admin only. ${CSV_NOTE}`,
        tags: ['analytics'],
        querystring: heatmapQuery,
        response: { 200: heatmapResponseSchema, 404: problemResponse('No such survey round, or none closed by asOf') },
      },
    },
    async (request, reply) => {
      const asOf = asOfOf(request.query, clock);
      const doc = request.query.surveyId
        ? (await readStore.get<SurveyResults>(SurveyResultsReadModel.collection, request.query.surveyId))?.doc
        : latestClosedRound(await allDocuments<SurveyResults>(readStore, SurveyResultsReadModel.collection, {}), asOf);
      // A past day sees closed rounds only: an open round's running numbers on two days would give away the responses between them.
      const visible = doc && doc.launchedOn !== undefined && (doc.closedOn ? doc.closedOn <= asOf : asOf >= isoDay(clock()));
      if (!doc || !visible) throw new AppError(ErrorCodes.EJP_NOT_FOUND, request.query.surveyId ? `Survey ${request.query.surveyId} has no results as of ${asOf}.` : `No survey round closed by ${asOf}.`);
      return answer(request, reply, surveyHeatmap(doc, request.query.segment, asOf), heatmapCsv, `heatmap-${doc.surveyId}-${request.query.segment}`);
    },
  );

  app.get(
    '/analytics/enps',
    {
      config: { access: HR_READERS },
      schema: {
        operationId: 'getEnpsTrend',
        summary: 'eNPS and participation per survey round, and the trend',
        description: `Rounds closed by asOf; a round whose overall group is below the minimum shows no number. HR and admin only. ${CSV_NOTE}`,
        tags: ['analytics'],
        querystring: z.object(asOfQuery),
        response: { 200: enpsResponseSchema },
      },
    },
    async (request, reply) => {
      const docs = await allDocuments<SurveyResults>(readStore, SurveyResultsReadModel.collection, {});
      return answer(request, reply, enpsTrend(docs, asOfOf(request.query, clock)), enpsCsv, 'enps');
    },
  );
}
