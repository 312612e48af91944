import {
  daysBetween,
  EmployeeDeparted,
  EmployeeHired,
  EmployeeRehired,
  type EventCatalogue,
  type EventData,
  eventCatalogue,
  ExitInterviewRecorded,
  JourneyStreams,
  OnboardingPlanAssigned,
  OnboardingTaskCompleted,
  PositionChanged,
  RecognitionGiven,
  StartDateChanged,
  SuggestionAnswered,
  SuggestionStreams,
  SuggestionSubmitted,
  type SuggestionCategory,
} from '@ejp/contracts';
import { type AttritionDimensions, type EmployeeProfile, EmployeeProfileReadModel, ExperienceMetricsReadModel, profileRecognitionKey, profileSuggestionKey } from '@ejp/contracts/read-models';
import { type DocumentReader, type DocumentTarget, fanOutProjection, getAll, type ProjectedEvent, type Projection } from '@ejp/projection-kit';
import { departureCell } from './attrition-projection.ts';
import { recognitionPeopleOf, type RecognitionPeople } from './department-membership.ts';
import { type Delta, metricTargets, openDeltas, windowDeltas } from './experience-deltas.ts';

const TASK_METRICS = { open: 'task-open', overdue: 'task-overdue' } as const;
const SUGGESTION_METRICS = { open: 'suggestion-open', overdue: 'suggestion-overdue' } as const;
import { dayOf, dueOn, evolveJourneyFacts, initialJourneyFacts, type JourneyFacts, onboardingDone, openTasks } from './experience-state.ts';
import { isGiven, isWithdrawn, recognitionOf, withdrawnId, withdrawnRecognitions } from './recognition-records.ts';
import type { Recognition } from '@ejp/contracts/read-models';

/**
 * The employee-experience projection: each employee's profile (dated facts,
 * read as of a day by `profileAsOf`) and the company's dated deltas
 * (experience_metrics), from the journeys and the suggestion streams. One
 * projection, because both need the same fold of a journey.
 *
 * Both are fed by many streams: a metric cell by every journey (or suggestion)
 * with a delta on its day or month, a profile by its journey, every giver's
 * and every suggestion it names. Their writes keep the guards apart
 * (DocumentWrite.guard), so a document stays the size of its fields and a read
 * costs the same at 100,000 employees as at 1,000 (version 1 kept one guard
 * per feeding stream in the document: 9,390 in a month's headcount cells at
 * 10,000 employees, parsed on every read).
 */

interface SuggestionFacts {
  kind: 'suggestion';
  category: SuggestionCategory | null;
  submittedOn: string | null;
  answerDueBy: string | null;
  submittedBy: string | null;
  answers: { on: string; answer: string }[];
}
type Facts = JourneyFacts | SuggestionFacts | Record<string, never>;

interface Prepared {
  people: Map<string, RecognitionPeople>;
  withdrawn: Map<string, Recognition>;
  /** Per give event: its recipients' 'recognised' window deltas. */
  windows: Map<string, Delta[]>;
  /** Per stream, the revision of its last event in the batch: the profile's facts are set once, from there. */
  lastOfStream: Map<string, number>;
}

/** The recipients' recognised days (profiles from earlier batches, then this batch in order), to open their windows. */
async function windowsOf(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<Map<string, Delta[]>> {
  const gives = events.filter((e) => e.type === RecognitionGiven.type);
  const windows = new Map<string, Delta[]>();
  if (gives.length === 0) return windows;
  const recipients = [...new Set(gives.flatMap((e) => (e.data as EventData<typeof RecognitionGiven>).recipientIds))];
  const profiles = await getAll<EmployeeProfile>(reader, EmployeeProfileReadModel.collection, recipients);
  const days = new Map(recipients.map((id) => [id, Object.values(profiles.get(id)?.doc.received ?? {}).map((r) => r.on)]));
  for (const event of gives) {
    const day = dayOf(event);
    const deltas: Delta[] = [];
    for (const id of (event.data as EventData<typeof RecognitionGiven>).recipientIds) {
      const earlier = days.get(id)!;
      deltas.push(...windowDeltas(earlier, day));
      earlier.push(day);
    }
    windows.set(event.eventId, deltas);
  }
  return windows;
}

async function prepare(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<Prepared> {
  const people = await recognitionPeopleOf(events, reader, false);
  const lastOfStream = new Map<string, number>();
  for (const event of events) lastOfStream.set(event.stream, Math.max(event.revision, lastOfStream.get(event.stream) ?? -1));
  return { people, withdrawn: await withdrawnRecognitions(events, reader, people), windows: await windowsOf(events, reader), lastOfStream };
}

function recognitionTargets(event: ProjectedEvent, prepared: Prepared): DocumentTarget[] {
  const day = dayOf(event);
  const cells = (r: Recognition, by: 1 | -1): Delta[] => r.departments.flatMap((department) => r.values.map((valueId) => ({ metric: 'recognition' as const, day, dims: { month: r.givenAt.slice(0, 7), department, valueId }, by })));
  if (isGiven(event)) {
    const r = recognitionOf(event, prepared.people.get(event.eventId));
    const received = r.recipientIds.map((id) => ({
      readModel: EmployeeProfileReadModel,
      id,
      change: { set: { employeeId: id, [`received.${profileRecognitionKey(r.recognitionId)}`]: { recognitionId: r.recognitionId, on: day, values: r.values, withdrawnOn: null } } },
    }));
    return [...received, ...metricTargets([...cells(r, 1), ...(prepared.windows.get(event.eventId) ?? [])])];
  }
  const r = isWithdrawn(event) ? prepared.withdrawn.get(withdrawnId(event)) : undefined;
  if (!r) return [];
  const withdrawn = r.recipientIds.map((id) => ({ readModel: EmployeeProfileReadModel, id, change: { set: { [`received.${profileRecognitionKey(r.recognitionId)}.withdrawnOn`]: day } } }));
  return [...withdrawn, ...metricTargets(cells(r, -1))];
}

function departureDims(cell: AttritionDimensions, departedOn: string) {
  const { primaryReason, department, tenureBand, voluntary, regrettable } = cell;
  return { departedOn, primaryReason, department, tenureBand, voluntary, regrettable };
}

/** The deltas of one journey event, from the facts before and after it. */
function journeyDeltas(event: ProjectedEvent, before: JourneyFacts, after: JourneyFacts): Delta[] {
  const day = dayOf(event);
  const department = before.position.department ?? 'unknown';
  const open = (facts: JourneyFacts, by: 1 | -1): Delta[] =>
    openTasks(facts).flatMap((t) => {
      const due = dueOn(facts, t);
      return due ? openDeltas(TASK_METRICS, { owner: t.owner }, day, due, by) : [];
    });
  switch (event.type) {
    case EmployeeHired.type:
    case EmployeeRehired.type:
      return [{ metric: 'headcount', day, dims: { department: after.position.department ?? 'unknown' }, by: 1 }];
    case PositionChanged.type:
      return [
        { metric: 'headcount', day, dims: { department }, by: -1 },
        { metric: 'headcount', day, dims: { department: after.position.department ?? 'unknown' }, by: 1 },
      ];
    case OnboardingPlanAssigned.type:
      // A second plan replaces the first: its open tasks go, the new ones come.
      return [
        ...open(before, -1),
        ...open(after, 1),
        ...(before.tasks.some((t) => t.chapter === after.attrition.stageFold.chapter) ? [] : [{ metric: 'onboarding-started' as const, day, dims: {}, by: 1 }]),
      ];
    case OnboardingTaskCompleted.type:
    case StartDateChanged.type:
      return [...open(before, -1), ...open(after, 1)];
    case EmployeeDeparted.type: {
      const d = event.data as EventData<typeof EmployeeDeparted>;
      const cell = departureCell(before.attrition, d);
      return [{ metric: 'headcount', day, dims: { department }, by: -1 }, { metric: 'departure', day, dims: departureDims(cell, d.departedOn), by: 1 }, ...open(before, -1)];
    }
    case ExitInterviewRecorded.type: {
      const counted = before.attrition.countedIn;
      const departedOn = before.departedOn;
      const reason = (event.data as EventData<typeof ExitInterviewRecorded>).primaryReason;
      if (!counted || !departedOn || counted.primaryReason === reason) return [];
      return [
        { metric: 'departure', day, dims: departureDims(counted, departedOn), by: -1 },
        { metric: 'departure', day, dims: departureDims({ ...counted, primaryReason: reason }, departedOn), by: 1 },
      ];
    }
    default:
      if (!onboardingDone(event)) return [];
      {
        const startDate = before.attrition.stageFold.startDate;
        return [...(startDate ? [{ metric: 'onboarding-completed' as const, day, dims: { days: Math.max(0, daysBetween(startDate, day)) }, by: 1 }] : []), ...open(before, -1)];
      }
  }
}

/**
 * The profile's journey facts are absolute (set, not incremented), so one
 * write at the stream's last event of the batch carries all of the batch's
 * changes; a redelivery with other batch bounds sets the same values.
 */
function journeyTargets(event: ProjectedEvent, before: JourneyFacts, after: JourneyFacts, lastOfBatch: boolean): DocumentTarget[] {
  const known = after.history.length > 0 || after.given.length > 0 || after.tasks.length > 0;
  const profile: DocumentTarget[] = lastOfBatch && known
    ? [{ readModel: EmployeeProfileReadModel, id: event.subject, change: { set: { employeeId: event.subject, history: after.history, tasks: after.tasks, oneToOnes: after.oneToOnes, surveys: after.surveys, given: after.given } } }]
    : [];
  return [...profile, ...metricTargets(journeyDeltas(event, before, after))];
}

function suggestionTargets(event: ProjectedEvent, before: SuggestionFacts, after: SuggestionFacts): DocumentTarget[] {
  const key = profileSuggestionKey(event.subject);
  if (event.type === SuggestionSubmitted.type) {
    const d = event.data as EventData<typeof SuggestionSubmitted>;
    const named = d.submittedBy
      ? [{ readModel: EmployeeProfileReadModel, id: d.submittedBy, change: { set: { employeeId: d.submittedBy, [`suggestions.${key}`]: { suggestionId: d.suggestionId, category: d.category, submittedOn: d.submittedOn, answerDueBy: d.answerDueBy, answers: [] } } } }]
      : [];
    return [
      ...named,
      ...metricTargets([
        { metric: 'suggestion-submitted', day: d.submittedOn, dims: { category: d.category }, by: 1 },
        ...openDeltas(SUGGESTION_METRICS, { category: d.category }, d.submittedOn, d.answerDueBy, 1),
      ]),
    ];
  }
  if (event.type !== SuggestionAnswered.type || !before.category || !before.submittedOn || !before.answerDueBy) return [];
  const { answeredOn } = event.data as EventData<typeof SuggestionAnswered>;
  const named = before.submittedBy ? [{ readModel: EmployeeProfileReadModel, id: before.submittedBy, change: { set: { [`suggestions.${key}.answers`]: after.answers } } }] : [];
  const first: Delta[] =
    before.answers.length === 0
      ? [
          { metric: 'suggestion-answered', day: answeredOn, dims: { category: before.category, days: Math.max(0, daysBetween(before.submittedOn, answeredOn)) }, by: 1 },
          ...openDeltas(SUGGESTION_METRICS, { category: before.category }, answeredOn, before.answerDueBy, -1),
        ]
      : [];
  return [...named, ...metricTargets(first)];
}

function evolveSuggestion(state: SuggestionFacts, event: ProjectedEvent): SuggestionFacts {
  if (event.type === SuggestionSubmitted.type) {
    const d = event.data as EventData<typeof SuggestionSubmitted>;
    return { ...state, category: d.category, submittedOn: d.submittedOn, answerDueBy: d.answerDueBy, submittedBy: d.submittedBy ?? null };
  }
  if (event.type === SuggestionAnswered.type) {
    const d = event.data as EventData<typeof SuggestionAnswered>;
    return { ...state, answers: [...state.answers, { on: d.answeredOn, answer: d.answer }] };
  }
  return state;
}

const initialSuggestion = (): SuggestionFacts => ({ kind: 'suggestion', category: null, submittedOn: null, answerDueBy: null, submittedBy: null, answers: [] });

export interface ExperienceProjectionOptions {
  catalogue?: EventCatalogue;
}

export function employeeExperienceProjection(options: ExperienceProjectionOptions = {}): Projection {
  const catalogue = options.catalogue ?? eventCatalogue;
  const facts = (state: Facts, event: ProjectedEvent) =>
    event.category === SuggestionStreams ? (state.kind === 'suggestion' ? state : initialSuggestion()) : state.kind === 'journey' ? state : initialJourneyFacts();
  const evolve = (state: Facts, event: ProjectedEvent): Facts => {
    const s = facts(state, event);
    return s.kind === 'suggestion' ? evolveSuggestion(s, event) : evolveJourneyFacts(s, event, catalogue);
  };
  return fanOutProjection<Facts, Prepared>({
    name: 'employee-experience',
    // 2: every document's guards kept apart (version 1 kept them in the document).
    version: 2,
    // Every journey event feeds the stage fold.
    canHandle: 'every-event',
    categories: [JourneyStreams, SuggestionStreams],
    readModels: [EmployeeProfileReadModel, ExperienceMetricsReadModel],
    streamState: { collection: 'employee_experience_state', initial: () => ({}), evolve },
    prepare,
    documents: (event, state, prepared) => {
      const before = facts(state, event);
      const after = evolve(before, event) as typeof before;
      const targets =
        before.kind === 'suggestion'
          ? suggestionTargets(event, before, after as SuggestionFacts)
          : [...journeyTargets(event, before, after as JourneyFacts, prepared.lastOfStream.get(event.stream) === event.revision), ...recognitionTargets(event, prepared)];
      return targets.map((target) => ({ ...target, guard: 'apart' as const }));
    },
  });
}
