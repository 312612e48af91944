import type { SegmentAttribute } from '../events/feedback.ts';
import { type PublishedCell, surveyResults } from '../feedback/survey-results.ts';
import type { SurveyResultsDocument } from '../read-models/survey-results.ts';
import { NEED_DIMENSION_IDS, NEED_DIMENSIONS } from '../feedback/question-bank.ts';
import type { EnpsResponse, HeatmapResponse } from './analytics-responses.ts';

/**
 * The heatmap and the eNPS trend are views of the published survey results
 * (`surveyResults`): the suppression rules run there, once, cell by cell,
 * and a hidden cell arrives here with its reason. Nothing in this module
 * reads an aggregate the rules have not passed.
 */

type Score = { average: number; favourable: number };

export function surveyHeatmap(doc: SurveyResultsDocument, segment: SegmentAttribute, asOf: string): HeatmapResponse {
  const published = surveyResults({ doc, comments: [] });
  const columns: { value: string; result: PublishedCell }[] = [
    { value: 'all', result: published.overall },
    ...published.segments.filter((s) => s.attribute === segment).map((s) => ({ value: s.value, result: s.result })),
  ];
  const rowKeys = NEED_DIMENSION_IDS.flatMap((dimension) => [{ dimension, driver: null as string | null }, ...NEED_DIMENSIONS[dimension].map((driver) => ({ dimension, driver }))]);
  const asked = (result: PublishedCell, dimension: string, driver: string | null): Score | undefined =>
    result.suppressed ? undefined : driver === null ? result.dimensions.find((d) => d.dimension === dimension) : result.drivers.find((d) => d.dimension === dimension && d.driver === driver);
  // Rows the survey asks about: a dimension or driver some shown column has a score for (the overall column is shown whenever any is).
  const rows = rowKeys
    .filter(({ dimension, driver }) => columns.some((c) => asked(c.result, dimension, driver)))
    .map(({ dimension, driver }) => ({
      dimension,
      driver,
      cells: columns.map(({ value, result }) => {
        if (result.suppressed) return { value, average: null, favourable: null, suppressed: true, reason: result.reason };
        const score = asked(result, dimension, driver);
        return { value, average: score?.average ?? null, favourable: score?.favourable ?? null, suppressed: false, reason: null };
      }),
    }));
  return {
    surveyId: doc.surveyId,
    title: doc.title ?? null,
    status: published.status,
    closedOn: published.closedOn,
    asOf,
    segment,
    minGroupSize: published.minGroupSize,
    columns: columns.map(({ value, result }) =>
      result.suppressed ? { value, respondents: null, suppressed: true, reason: result.reason } : { value, respondents: result.respondents, suppressed: false, reason: null },
    ),
    rows,
  };
}

/**
 * The rounds closed by `asOf`, oldest first, with eNPS, participation and the
 * change against the previous round that showed an eNPS. A round still open
 * on asOf is left out: its running numbers on a past day would let two
 * asOf reads a day apart be subtracted to reveal that day's few responses.
 */
export function enpsTrend(docs: readonly SurveyResultsDocument[], asOf: string): EnpsResponse {
  const closed = docs.filter((d) => d.closedOn !== undefined && d.closedOn <= asOf).sort((a, b) => a.closedOn!.localeCompare(b.closedOn!) || a.surveyId.localeCompare(b.surveyId));
  let previous: number | null = null;
  const rounds = closed.map((doc) => {
    const overall = surveyResults({ doc, comments: [] }).overall;
    const common = { surveyId: doc.surveyId, title: doc.title ?? null, launchedOn: doc.launchedOn ?? null, closedOn: doc.closedOn! };
    if (overall.suppressed) return { ...common, invited: null, respondents: null, participation: null, enps: null, change: null, suppressed: true, reason: overall.reason };
    const change = overall.enps !== null && previous !== null ? Math.round((overall.enps - previous) * 1000) / 1000 : null;
    if (overall.enps !== null) previous = overall.enps;
    return { ...common, invited: overall.invited, respondents: overall.respondents, participation: overall.responseRate, enps: overall.enps, change, suppressed: false, reason: null };
  });
  return { asOf, rounds };
}

/** The round a heatmap shows by default: the last one closed by asOf. */
export function latestClosedRound(docs: readonly SurveyResultsDocument[], asOf: string): SurveyResultsDocument | undefined {
  return docs.filter((d) => d.closedOn !== undefined && d.closedOn <= asOf).sort((a, b) => b.closedOn!.localeCompare(a.closedOn!) || a.surveyId.localeCompare(b.surveyId))[0];
}
