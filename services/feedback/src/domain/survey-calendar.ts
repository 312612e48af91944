import { type Command, COMMAND_EVENT_NAMESPACE, type Decider, uuidV5 } from '@ejp/command-kit';
import {
  addDays,
  erasureTypes,
  eventCatalogue,
  evolveJourneyStage,
  initialJourneyStage,
  isActiveEmployee,
  isoDay,
  type JourneyStage,
  type JourneyStageState,
  journeyStageOn,
  type SurveyKind,
} from '@ejp/contracts';

/**
 * The survey calendar, pure: what it remembers of the journey and survey
 * events it consumes (a plan per hire, a plan per survey), and which
 * commands are due on a day. The reactor (../survey-calendar.ts) keeps the
 * plans durable, asks `decide` on every tick, and issues the due commands
 * through the ordinary survey command handler.
 *
 * - An onboarding survey is due for a hire on day 30 and day 90 after the
 *   start date of their current chapter, unless they departed, or the day is
 *   more than LATE_LIMIT_DAYS past (a hire imported with an old start date is
 *   not asked about their first month years later).
 * - A scheduled survey (not onboarding: those have an audience of one and
 *   are launched by their own rule) opens on `opensOn` and closes after
 *   `closesOn`, its last day.
 *
 * Issuing a due command counts as done in `evolve`, so a command is due once
 * per plan; the reactor's commands are idempotent besides (deterministic
 * survey ids and Idempotency-Keys), so a redelivery or a restart never
 * launches twice.
 */

export const ONBOARDING_MILESTONES = [30, 90] as const;
export type OnboardingMilestone = (typeof ONBOARDING_MILESTONES)[number];
/** Days an onboarding survey stays open: launched on the milestone day, closed after this many more. */
export const ONBOARDING_SURVEY_OPEN_DAYS = 14;
/** A milestone further past than this is skipped rather than surveyed late. */
export const LATE_LIMIT_DAYS = 14;
/** The earliest start date whose milestones can still be due on `today`. */
export const earliestDueStart = (today: string) => addDays(today, -(ONBOARDING_MILESTONES.at(-1)! + LATE_LIMIT_DAYS));

/** What the calendar keeps of a hire: their journey stage fold and the segment attributes of the hire. */
export interface HirePlan {
  employeeId: string;
  journey: JourneyStageState;
  department: string;
  level: string;
  location: string;
  /** The employee's data was erased: the plan forgets their attributes and keeps this marker, so no later delivery revives it. */
  erased?: true;
}

export type SurveyPlanStatus = 'draft' | 'scheduled' | 'open' | 'closed';
export interface SurveyPlan {
  surveyId: string;
  kind: SurveyKind;
  status: SurveyPlanStatus;
  opensOn: string | null;
  closesOn: string | null;
}

export interface CalendarState {
  hires: Record<string, HirePlan>;
  surveys: Record<string, SurveyPlan>;
}

/** A consumed event: its type, data and its stream's subject (the employee, or the survey). */
export interface CalendarFact {
  type: string;
  subject: string;
  data: Record<string, unknown>;
}

export interface OnboardingInvitee {
  employeeId: string;
  department: string;
  level: string;
  location: string;
  hiredOn: string;
  stage: JourneyStage;
}

export type CalendarDue =
  | { type: 'calendar.onboarding-survey-due'; data: { surveyId: string; milestone: OnboardingMilestone; opensOn: string; closesOn: string; invitee: OnboardingInvitee } }
  | { type: 'calendar.survey-opening-due'; data: { surveyId: string } }
  | { type: 'calendar.survey-closing-due'; data: { surveyId: string } };

export type CalendarEvent = CalendarFact | CalendarDue;
/** The tick: what is due as of `metadata.now`. */
export type CheckCalendar = Command<'CheckCalendar', Record<string, never>>;

/** The onboarding survey of a hire's chapter and milestone: the same id on every tick, in every process. */
export function onboardingSurveyIdOf(employeeId: string, chapter: number, milestone: OnboardingMilestone): string {
  return uuidV5(COMMAND_EVENT_NAMESPACE, `onboarding-survey\u0000${employeeId}\u0000${chapter}\u0000${milestone}`);
}

const HIRES = new Set(['journey.employee.hired', 'journey.employee.rehired']);
const ERASURES = new Set(erasureTypes());
const SURVEY_TYPES = new Set(['feedback.survey.created', 'feedback.survey.scheduled', 'feedback.survey.launched', 'feedback.survey.closed']);

/** Whether an event changes a plan: a hire, a rehire, a stage move, or a survey's lifecycle. Everything else is skipped unread. */
export function changesCalendar(type: string): boolean {
  return HIRES.has(type) || SURVEY_TYPES.has(type) || ERASURES.has(type) || (eventCatalogue.has(type) && eventCatalogue.definition(type).journey !== undefined);
}

export const isSurveyFact = (type: string) => type.startsWith('feedback.survey.');

/** A hire's plan after a journey event; undefined for an employee whose hire the calendar never saw. */
export function evolveHirePlan(plan: HirePlan | undefined, fact: CalendarFact): HirePlan | undefined {
  if (plan?.erased) return plan;
  // "Consumers delete whatever personal data about the employee they hold": only the marker stays.
  if (ERASURES.has(fact.type)) return { employeeId: fact.subject, journey: initialJourneyStage(), department: '', level: '', location: '', erased: true };
  if (HIRES.has(fact.type)) {
    const { department, level, location } = fact.data as { department: string; level: string; location: string };
    const journey = evolveJourneyStage(plan?.journey ?? initialJourneyStage(), fact);
    return { employeeId: fact.subject, journey, department, level, location };
  }
  if (!plan) return undefined;
  return { ...plan, journey: evolveJourneyStage(plan.journey, fact) };
}

/** A survey's plan after one of its lifecycle events. */
export function evolveSurveyPlan(plan: SurveyPlan | undefined, fact: CalendarFact): SurveyPlan | undefined {
  if (fact.type === 'feedback.survey.created') {
    return { surveyId: fact.subject, kind: fact.data.kind as SurveyKind, status: 'draft', opensOn: null, closesOn: null };
  }
  if (!plan) return undefined;
  switch (fact.type) {
    case 'feedback.survey.scheduled':
      return { ...plan, status: 'scheduled', opensOn: String(fact.data.opensOn), closesOn: String(fact.data.closesOn) };
    case 'feedback.survey.launched':
      return { ...plan, status: 'open' };
    case 'feedback.survey.closed':
      return { ...plan, status: 'closed' };
    default:
      return plan;
  }
}

function evolve(state: CalendarState, event: CalendarEvent): CalendarState {
  switch (event.type) {
    case 'calendar.onboarding-survey-due': {
      const { surveyId, opensOn, closesOn } = (event as Extract<CalendarDue, { type: 'calendar.onboarding-survey-due' }>).data;
      return withSurvey(state, { surveyId, kind: 'onboarding', status: 'open', opensOn, closesOn });
    }
    case 'calendar.survey-opening-due':
    case 'calendar.survey-closing-due': {
      const { surveyId } = (event as CalendarDue).data;
      const plan = state.surveys[surveyId];
      return plan ? withSurvey(state, { ...plan, status: event.type === 'calendar.survey-opening-due' ? 'open' : 'closed' }) : state;
    }
  }
  const fact = event as CalendarFact;
  if (isSurveyFact(fact.type)) {
    const plan = evolveSurveyPlan(state.surveys[fact.subject], fact);
    return plan ? withSurvey(state, plan) : state;
  }
  const hire = evolveHirePlan(state.hires[fact.subject], fact);
  return hire ? { ...state, hires: { ...state.hires, [hire.employeeId]: hire } } : state;
}

const withSurvey = (state: CalendarState, plan: SurveyPlan): CalendarState => ({ ...state, surveys: { ...state.surveys, [plan.surveyId]: plan } });

/** What is due as of the command's `now` (the decider's decide, typed to its due items). */
export function dueOn(command: CheckCalendar, state: CalendarState): CalendarDue[] {
  const today = isoDay(command.metadata.now);
  const due: CalendarDue[] = [];
  for (const hire of Object.values(state.hires).sort(byKey((h) => h.employeeId))) {
    const { journey } = hire;
    // A departed employee (alumni) gets no survey; nor does anyone before their start date is known.
    if (!isActiveEmployee(journey) || journey.startDate === null) continue;
    for (const milestone of ONBOARDING_MILESTONES) {
      const dueOn = addDays(journey.startDate, milestone);
      if (today < dueOn || today > addDays(dueOn, LATE_LIMIT_DAYS)) continue;
      const surveyId = onboardingSurveyIdOf(hire.employeeId, journey.chapter, milestone);
      // Created or scheduled but not launched (a crash between the steps): due again, the reactor takes the missing steps.
      const known = state.surveys[surveyId]?.status;
      if (known === 'open' || known === 'closed') continue;
      const invitee = { employeeId: hire.employeeId, department: hire.department, level: hire.level, location: hire.location, hiredOn: journey.startDate, stage: journeyStageOn(journey, today)! };
      due.push({ type: 'calendar.onboarding-survey-due', data: { surveyId, milestone, opensOn: today, closesOn: addDays(today, ONBOARDING_SURVEY_OPEN_DAYS), invitee } });
    }
  }
  for (const survey of Object.values(state.surveys).sort(byKey((s) => s.surveyId))) {
    const { surveyId, opensOn, closesOn } = survey;
    // A survey whose whole window passed unopened is left for HR: launching it only to close it tells nobody anything.
    if (survey.status === 'scheduled' && survey.kind !== 'onboarding' && opensOn !== null && opensOn <= today && (closesOn === null || today <= closesOn)) {
      due.push({ type: 'calendar.survey-opening-due', data: { surveyId } });
    }
    if (survey.status === 'open' && closesOn !== null && closesOn < today) due.push({ type: 'calendar.survey-closing-due', data: { surveyId } });
  }
  return due;
}

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export const surveyCalendar: Decider<CheckCalendar, CalendarState, CalendarEvent> = {
  initialState: () => ({ hires: {}, surveys: {} }),
  evolve,
  decide: dueOn,
};
