import {
  type EventData,
  isFavourable,
  MinGroupSizeChanged,
  SEGMENT_ATTRIBUTES,
  type Segment,
  SurveyClosed,
  SurveyCreated,
  SurveyLaunched,
  SurveyResponseSubmitted,
} from '@ejp/contracts';
import { cellKey, cellsOf, pairKey, SurveyCommentsReadModel, SurveyResultsReadModel } from '@ejp/contracts/read-models';
import { type DocumentTarget, fanOutProjection, type ProjectedEvent, type Projection, put } from '@ejp/projection-kit';
import type { JsonValue } from '@ejp/readstore';

const HANDLED = [SurveyCreated, SurveyLaunched, SurveyClosed, MinGroupSizeChanged, SurveyResponseSubmitted].map((d) => d.type);

/**
 * The survey aggregates, maintained incrementally: a response adds to its
 * cells (`inc`), so reading results costs the same at 100,000 responses as
 * at 1,000. Each write is guarded by its source stream's revision, so a
 * redelivered response counts once; the guards are kept apart from the
 * document (a response is a stream of its own: the document would otherwise
 * carry one guard per response, version 1). Nothing about a respondent but their
 * frozen segment reaches the read store; free text goes to its own read
 * model, with neither segment nor time.
 */
export function surveyResultsProjection(): Projection {
  return fanOutProjection({
    name: 'survey-results',
    version: 2,
    readModels: [SurveyResultsReadModel, SurveyCommentsReadModel],
    canHandle: HANDLED,
    documents: (event) => surveyTargets(event),
  });
}

function surveyTargets(event: ProjectedEvent): DocumentTarget[] {
  const results = (id: string, set: Record<string, JsonValue>, inc: Record<string, number> = {}): DocumentTarget => ({
    readModel: SurveyResultsReadModel,
    id,
    change: { set: { surveyId: id, ...set }, ...(Object.keys(inc).length > 0 ? { inc } : {}) },
    guard: 'apart',
  });
  switch (event.type) {
    case SurveyCreated.type: {
      const d = event.data as EventData<typeof SurveyCreated>;
      return [
        results(d.surveyId, {
          title: d.title,
          anonymity: d.anonymity,
          questions: d.questions as JsonValue,
          minGroupSize: d.minGroupSize,
          ...(d.previousSurveyId ? { previousSurveyId: d.previousSurveyId } : {}),
        }),
      ];
    }
    case SurveyLaunched.type: {
      const d = event.data as EventData<typeof SurveyLaunched>;
      const set: Record<string, JsonValue> = { launchedOn: d.launchedOn };
      const inc: Record<string, number> = {};
      for (const { segment } of d.audience) {
        Object.assign(set, labelsOf(segment));
        for (const key of cellsOf(segment)) inc[`cells.${key}.invited`] = (inc[`cells.${key}.invited`] ?? 0) + 1;
      }
      return [results(event.subject, set, inc)];
    }
    case SurveyClosed.type:
      return [results(event.subject, { closedOn: (event.data as EventData<typeof SurveyClosed>).closedOn })];
    case MinGroupSizeChanged.type:
      return [results(event.subject, { minGroupSize: (event.data as EventData<typeof MinGroupSizeChanged>).to })];
    case SurveyResponseSubmitted.type: {
      const d = event.data as EventData<typeof SurveyResponseSubmitted>;
      const cells = cellsOf(d.segment);
      const inc: Record<string, number> = {};
      for (const key of cells) {
        inc[`cells.${key}.n`] = 1;
        for (const answer of d.answers) {
          if (!('value' in answer)) continue;
          const at = `cells.${key}.q.${answer.questionId}`;
          // The event does not say the scale (the survey does), so every band is counted and the reader picks by scale.
          inc[`${at}.sum`] = answer.value;
          inc[`${at}.fav`] = isFavourable('agreement-5', answer.value) ? 1 : 0;
          inc[`${at}.pro`] = isFavourable('zero-to-ten', answer.value) ? 1 : 0;
          inc[`${at}.det`] = answer.value <= 6 ? 1 : 0;
        }
      }
      for (let i = 1; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) inc[`pairs.${pairKey(cells[i]!, cells[j]!)}`] = 1;
      const comments = d.answers.flatMap((answer) =>
        'text' in answer ? [put(SurveyCommentsReadModel, `${event.eventId}.${answer.questionId}`, { surveyId: d.surveyId, questionId: answer.questionId, text: answer.text })] : [],
      );
      // Guarded per response stream (each holds one event): a redelivery, in any order, counts once.
      return [results(d.surveyId, labelsOf(d.segment), inc), ...comments];
    }
    default:
      return [];
  }
}

function labelsOf(segment: Segment): Record<string, JsonValue> {
  const labels: Record<string, JsonValue> = { 'cells.all.attribute': 'all', 'cells.all.value': 'all' };
  for (const attribute of SEGMENT_ATTRIBUTES) {
    const key = cellKey(attribute, segment[attribute]);
    labels[`cells.${key}.attribute`] = attribute;
    labels[`cells.${key}.value`] = segment[attribute];
  }
  return labels;
}
