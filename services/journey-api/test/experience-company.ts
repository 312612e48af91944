import { randomBytes, randomUUID } from 'node:crypto';
import {
  bankQuestion,
  EmployeeDeparted,
  EmployeeHired,
  ExitInterviewRecorded,
  journeyStream,
  ManagerChanged,
  type EventDefinition,
  newEvent,
  type NewEvent,
  OffboardingStarted,
  OnboardingCompleted,
  OnboardingPlanAssigned,
  OnboardingTaskCompleted,
  OneToOneRecorded,
  RecognitionGiven,
  SuggestionAnswered,
  SuggestionStreams,
  SuggestionSubmitted,
  SurveyClosed,
  SurveyCompleted,
  SurveyCreated,
  SurveyLaunched,
  SurveyResponseSubmitted,
  SurveyStreams,
  surveyResponseStream,
} from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';

/**
 * A small company as events, in the order they happened (appended one by
 * one, so the global order is the calendar's). The figures the tests expect
 * are worked out by hand in experience.test.ts from what is written here.
 */

export const people = { alice: randomUUID(), bob: randomUUID(), carol: randomUUID(), manager: randomUUID(), manager2: randomUUID() };
export const ids = { recognition: randomUUID(), namedSuggestion: randomUUID(), anonymousSuggestion: randomUUID(), survey: randomUUID(), oneToOnes: [randomUUID(), randomUUID(), randomUUID()] };

type Step = { at: string; stream: string; event: NewEvent };
const hr = (at: string) => ({ actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date(at) });
const step = <D extends EventDefinition>(at: string, stream: string, definition: D, data: Parameters<typeof newEvent<D>>[1], id?: string): Step => ({
  at,
  stream,
  event: newEvent(definition, data, { ...hr(at), ...(id ? { id } : {}) }),
});

const hire = (at: string, employeeId: string, department: string, startDate: string) =>
  step(at, journeyStream(employeeId), EmployeeHired, { employeeId, givenName: 'Test', familyName: 'Person', email: 'person@example.com', department, role: 'Engineer', level: 'L3', managerId: people.manager, location: 'Lisbon', startDate });

export const STEPS: Step[] = [
  hire('2024-01-02T09:00:00Z', people.bob, 'Engineering', '2024-01-15'),
  hire('2024-06-03T09:00:00Z', people.carol, 'Sales', '2024-06-10'),
  hire('2025-01-02T09:00:00Z', people.alice, 'Engineering', '2025-01-13'),
  step('2025-01-03T09:00:00Z', journeyStream(people.alice), OnboardingPlanAssigned, {
    tasks: [
      { id: 'laptop', title: 'Laptop ready', owner: 'it', dueOffsetDays: 0, required: true },
      { id: 'buddy-intro', title: 'Meet the buddy', owner: 'buddy', dueOffsetDays: 5, required: true },
      { id: 'docs', title: 'Read the handbook', owner: 'employee', dueOffsetDays: 10, required: false },
    ],
  }),
  step('2025-01-13T10:00:00Z', journeyStream(people.alice), OnboardingTaskCompleted, { taskId: 'laptop' }),
  step('2025-01-25T10:00:00Z', journeyStream(people.alice), OnboardingTaskCompleted, { taskId: 'buddy-intro' }),
  step('2025-01-25T11:00:00Z', journeyStream(people.alice), OnboardingTaskCompleted, { taskId: 'docs' }),
  step('2025-02-01T09:00:00Z', SuggestionStreams.streamOf(ids.namedSuggestion), SuggestionSubmitted, {
    suggestionId: ids.namedSuggestion, category: 'tools', text: 'A second monitor', submittedOn: '2025-02-01', answerDueBy: '2025-02-08', submittedBy: people.alice,
  }),
  step('2025-02-03T09:00:00Z', SuggestionStreams.streamOf(ids.anonymousSuggestion), SuggestionSubmitted, {
    suggestionId: ids.anonymousSuggestion, category: 'tools', text: 'Faster builds', submittedOn: '2025-02-03', answerDueBy: '2025-02-10', followUpTokenHash: 'a'.repeat(64),
  }),
  step('2025-02-05T09:00:00Z', SuggestionStreams.streamOf(ids.namedSuggestion), SuggestionAnswered, { answer: 'accepted', text: 'Ordered', answeredBy: 'hr-1', answeredOn: '2025-02-05' }),
  step('2025-02-10T09:00:00Z', journeyStream(people.bob), RecognitionGiven, {
    recognitionId: ids.recognition, recipientIds: [people.alice], values: ['teamwork', 'ownership'], message: 'Thanks!', pointsPerRecipient: 0, visibility: 'public',
    funding: { month: '2025-02', allowance: 0, boost: 0 }, withdrawableUntil: '2025-02-11T09:00:00.000Z',
  }),
  step('2025-03-14T09:00:00Z', journeyStream(people.alice), OnboardingCompleted, {}),
  step('2025-03-31T09:00:00Z', journeyStream(people.alice), SurveyCompleted, { surveyId: ids.survey, title: 'Spring pulse', completedBy: '2025-03-31' }),
  step('2025-04-01T09:00:00Z', journeyStream(people.alice), OneToOneRecorded, { checkInId: randomUUID(), managerId: people.manager, heldOn: '2025-04-01', mood: 4, topics: [] }, ids.oneToOnes[0]),
  step('2025-04-07T09:00:00Z', journeyStream(people.carol), OffboardingStarted, { kind: 'resignation', voluntary: true, regrettable: true, lastDay: '2025-04-30', initiatedBy: 'employee' }),
  step('2025-04-30T17:00:00Z', journeyStream(people.carol), EmployeeDeparted, { kind: 'resignation', voluntary: true, lastDay: '2025-04-30', departedOn: '2025-04-30' }),
  step('2025-05-01T09:00:00Z', journeyStream(people.alice), OneToOneRecorded, { checkInId: randomUUID(), managerId: people.manager, heldOn: '2025-05-01', mood: 2, topics: [] }, ids.oneToOnes[1]),
  step('2025-05-05T09:00:00Z', journeyStream(people.carol), ExitInterviewRecorded, { primaryReason: 'pay', secondaryReasons: [], wouldRecommend: 6, wouldReturn: false }),
  step('2025-05-15T09:00:00Z', journeyStream(people.alice), ManagerChanged, { managerId: people.manager2, previousManagerId: people.manager }),
  step('2025-06-01T09:00:00Z', journeyStream(people.alice), OneToOneRecorded, { checkInId: randomUUID(), managerId: people.manager2, heldOn: '2025-06-01', mood: 1, topics: [] }, ids.oneToOnes[2]),
];

/**
 * The spring pulse: 15 invited, 12 respond (Engineering 7 answering 4 and
 * eNPS 10; Sales 3 and Support 2 answering 2 and eNPS 3), minimum group 5:
 * Sales and Support are below it, hidden together (5 respondents, so the
 * next-smallest rule needs nothing more).
 */
export function surveySteps(): Step[] {
  const survey = SurveyStreams.streamOf(ids.survey);
  const departments = [...Array(7).fill('engineering'), ...Array(3).fill('sales'), ...Array(2).fill('support')] as string[];
  const audience = departments.map((department) => ({ token: randomBytes(32).toString('hex'), segment: { department, level: 'l3', location: 'lisbon', tenureBand: '1-3y' as const, stage: 'in-role' as const } }));
  const invited = Array.from({ length: 15 }, () => randomUUID()).sort();
  const extra = Array.from({ length: 3 }, () => ({ token: randomBytes(32).toString('hex'), segment: audience[0]!.segment }));
  return [
    step('2025-03-17T09:00:00Z', survey, SurveyCreated, {
      surveyId: ids.survey, title: 'Spring pulse', kind: 'pulse', anonymity: 'anonymous', questions: ['work_challenge', 'enps'].map((id) => bankQuestion(id)!), audience: { kind: 'everyone' }, minGroupSize: 5,
    }),
    step('2025-03-17T10:00:00Z', survey, SurveyLaunched, { launchedOn: '2025-03-17', invited, audience: [...audience, ...extra].sort((a, b) => (a.token < b.token ? -1 : 1)) }),
    ...audience.map((entry) => {
      const engineering = entry.segment.department === 'engineering';
      return step('2025-03-20T00:00:00Z', surveyResponseStream(ids.survey, entry.token), SurveyResponseSubmitted, {
        surveyId: ids.survey, submittedOn: '2025-03-20', segment: entry.segment, answers: [{ questionId: 'work_challenge', value: engineering ? 4 : 2 }, { questionId: 'enps', value: engineering ? 10 : 3 }],
      });
    }),
    step('2025-03-31T09:00:00Z', survey, SurveyClosed, { closedOn: '2025-03-31' }),
  ];
}

/** Appends every step in calendar order, one append each. */
export async function writeCompany(events: EventStore): Promise<void> {
  const all = [...STEPS, ...surveySteps()].sort((a, b) => a.at.localeCompare(b.at));
  for (const s of all) await events.appendToStream(s.stream, [s.event]);
}
