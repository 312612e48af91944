import {
  type EventData,
  developmentPlanEvents,
  JourneyStreams,
  type MenteeEnrolled,
  type MentorOffered,
  mentoringEvents,
  MentoringStreams,
  type MentorPairsProposed,
  openingEvents,
  type OpeningPosted,
  OpeningStreams,
  POSITION_SETTING_TYPES,
  type PositionChanged,
} from '@ejp/contracts';
import {
  applicationId,
  type DevelopmentPlan,
  DevelopmentPlanReadModel,
  type InternalApplication,
  InternalApplicationReadModel,
  type MentoringRound,
  MentoringRoundReadModel,
  type Mentorship,
  mentorshipId,
  MentorshipReadModel,
  type Opening,
  OpeningReadModel,
} from '@ejp/contracts/read-models';
import { courseCatalogueProjection, learningRecordsProjection } from './learning-projections.ts';
import { moveProjection } from './move-projection.ts';
import { skillCoverageProjection } from './skill-coverage-projection.ts';
import { fanOutProjection, type ProjectedEvent, type Projection, put, singleStreamProjection } from '@ejp/projection-kit';

/**
 * The growth centre's read models: an employee's development plan, a
 * mentoring round with its mentor directory, each proposed pair (a
 * mentorship), internal openings and each application to one. Every time in
 * a document comes from its events, so a rebuild writes the same documents.
 */

const typesOf = (definitions: readonly { type: string }[]) => definitions.map((d) => d.type);
const bookkeeping = (event: ProjectedEvent) => ({ lastAppliedRevision: event.revision, updatedAt: event.occurredAt });

// ── Development plan (journey streams) ──────────────────────────────────────

function planProgress(plan: Pick<DevelopmentPlan, 'goals' | 'actions' | 'checkIns'>): DevelopmentPlan['progress'] {
  return {
    goalsAchieved: plan.goals.filter((g) => g.achieved).length,
    goals: plan.goals.length,
    actionsDone: plan.actions.filter((a) => a.done).length,
    actions: plan.actions.length,
    latestCheckIn: plan.checkIns.at(-1)?.progress ?? null,
  };
}

export function evolvePlan(before: DevelopmentPlan, event: ProjectedEvent): DevelopmentPlan {
  const s: DevelopmentPlan = { ...before, ...bookkeeping(event) };
  const d = event.data;
  switch (event.type) {
    case 'journey.development-plan.goal-set': {
      const goal = { goalId: d.goalId as string, skills: d.skills as string[], targetDate: (d.targetDate as string | undefined) ?? null, achieved: false, setAt: event.occurredAt };
      const kept = s.goals.find((g) => g.goalId === goal.goalId);
      s.goals = kept ? s.goals.map((g) => (g.goalId === goal.goalId ? { ...goal, achieved: g.achieved, setAt: g.setAt } : g)) : [...s.goals, goal];
      break;
    }
    case 'journey.development-plan.goal-achieved':
      s.goals = s.goals.map((g) => (g.goalId === d.goalId ? { ...g, achieved: true } : g));
      break;
    case 'journey.development-plan.action-added':
      s.actions = [...s.actions.filter((a) => a.actionId !== d.actionId), { actionId: d.actionId as string, goalId: d.goalId as string, dueOn: d.dueOn as string, done: false, completedOn: null }];
      break;
    case 'journey.development-plan.action-completed':
      s.actions = s.actions.map((a) => (a.actionId === d.actionId ? { ...a, done: true, completedOn: d.completedOn as string } : a));
      break;
    case 'journey.development-plan.check-in-recorded':
      s.checkIns = [...s.checkIns, { checkInId: d.checkInId as string, progress: d.progress as number, byId: event.actor.id, recordedAt: event.occurredAt }];
      break;
    default:
      // Hire, rehire, position change: the manager who checks in.
      s.managerId = (d as EventData<typeof PositionChanged>).managerId;
  }
  s.progress = planProgress(s);
  return s;
}

export function developmentPlanProjection(): Projection {
  return singleStreamProjection({
    name: 'development-plans',
    version: 1,
    readModel: DevelopmentPlanReadModel,
    category: JourneyStreams,
    canHandle: [...typesOf(developmentPlanEvents), ...POSITION_SETTING_TYPES],
    initial: (event) => ({ employeeId: event.subject, managerId: null, goals: [], actions: [], checkIns: [], progress: planProgress({ goals: [], actions: [], checkIns: [] }), lastAppliedRevision: -1, updatedAt: '' }),
    evolve: evolvePlan,
  });
}

// ── Mentoring rounds and mentorships (mentoring streams) ────────────────────

type Proposal = EventData<typeof MentorPairsProposed>['proposals'][number];

export function evolveRound(before: MentoringRound, event: ProjectedEvent): MentoringRound {
  const s: MentoringRound = { ...before, ...bookkeeping(event) };
  const counts = (change: (p: number) => number, mentorId: string) => s.mentors.map((m) => (m.mentorId === mentorId ? { ...m, proposed: change(m.proposed) } : m));
  switch (event.type) {
    case 'growth.mentoring.round-opened':
      return { ...s, title: event.data.title as string, openedAt: event.occurredAt };
    case 'growth.mentoring.mentor-offered': {
      const { mentorId, department, seniority, skills, topics, capacity } = event.data as EventData<typeof MentorOffered>;
      return { ...s, mentors: [...s.mentors.filter((m) => m.mentorId !== mentorId), { mentorId, department, seniority, skills, topics, capacity, proposed: 0 }] };
    }
    case 'growth.mentoring.mentee-enrolled': {
      const { menteeId } = event.data as EventData<typeof MenteeEnrolled>;
      return s.menteeIds.includes(menteeId) ? s : { ...s, menteeIds: [...s.menteeIds, menteeId] };
    }
    case 'growth.mentoring.pairs-proposed': {
      const { proposals, unmatched, total } = event.data as EventData<typeof MentorPairsProposed>;
      const byMentor = (id: string) => proposals.filter((p: Proposal) => p.mentorId === id).length;
      return { ...s, status: 'matched', unmatched: unmatched.length, totalScore: total, mentors: s.mentors.map((m) => ({ ...m, proposed: byMentor(m.mentorId) })) };
    }
    case 'growth.mentoring.proposal-declined':
      return { ...s, mentors: counts((p) => p - 1, event.data.mentorId as string) };
    default:
      return s;
  }
}

export function mentoringRoundProjection(): Projection {
  return singleStreamProjection({
    name: 'mentoring-rounds',
    version: 1,
    readModel: MentoringRoundReadModel,
    category: MentoringStreams,
    canHandle: typesOf(mentoringEvents),
    initial: (event): MentoringRound => ({ roundId: event.subject, title: '', status: 'open', openedAt: event.occurredAt, mentors: [], menteeIds: [], unmatched: 0, totalScore: null, lastAppliedRevision: -1, updatedAt: '' }),
    evolve: evolveRound,
  });
}

/** The pairs of a round so far (the fan-out's stream state): each event rewrites the one pair it concerns. */
interface RoundPairs {
  pairs: Record<string, Mentorship>;
}

function evolvePairs(state: RoundPairs, event: ProjectedEvent): RoundPairs {
  const roundId = event.subject;
  if (event.type === 'growth.mentoring.pairs-proposed') {
    const { proposals } = event.data as EventData<typeof MentorPairsProposed>;
    const pairs = proposals.map((p): Mentorship => ({ roundId, ...p, status: 'proposed', acceptedBy: [], sessions: 0, lastSessionOn: null, proposedAt: event.occurredAt }));
    return { pairs: Object.fromEntries(pairs.map((p) => [p.menteeId, p])) };
  }
  const menteeId = event.data.menteeId as string | undefined;
  const pair = menteeId === undefined ? undefined : state.pairs[menteeId];
  if (!pair) return state;
  const change = (next: Partial<Mentorship>) => ({ pairs: { ...state.pairs, [pair.menteeId]: { ...pair, ...next } } });
  switch (event.type) {
    case 'growth.mentoring.proposal-accepted':
      return change({ acceptedBy: [...pair.acceptedBy, event.data.by as Mentorship['acceptedBy'][number]] });
    case 'growth.mentoring.proposal-declined':
      return change({ status: 'declined' });
    case 'growth.mentoring.mentorship-started':
      return change({ status: 'started' });
    case 'growth.mentoring.session-recorded':
      return change({ sessions: pair.sessions + 1, lastSessionOn: event.data.heldOn as string });
    default:
      return state;
  }
}

/** One document per proposed pair, found by mentee and by mentor ("my mentorship"). */
export function mentorshipsProjection(): Projection {
  return fanOutProjection<RoundPairs>({
    name: 'mentorships',
    version: 1,
    canHandle: typesOf(mentoringEvents),
    categories: [MentoringStreams],
    readModels: [MentorshipReadModel],
    streamState: { collection: 'mentorships_state', initial: () => ({ pairs: {} }), evolve: evolvePairs },
    documents: (event, state) => {
      const after = evolvePairs(state, event);
      const changed = Object.values(after.pairs).filter((p) => p !== state.pairs[p.menteeId]);
      return changed.map((p) => put(MentorshipReadModel, mentorshipId(p.roundId, p.menteeId), p));
    },
  });
}

// ── Openings and applications (opening streams) ─────────────────────────────

export function evolveOpeningDoc(before: Opening, event: ProjectedEvent): Opening {
  const s: Opening = { ...before, ...bookkeeping(event) };
  switch (event.type) {
    case 'growth.opening.posted':
      return { ...s, ...(event.data as EventData<typeof OpeningPosted>), postedAt: event.occurredAt };
    case 'growth.opening.application-submitted':
      return { ...s, applications: s.applications + 1 };
    case 'growth.opening.filled':
      return { ...s, status: 'filled', filledBy: event.data.applicantId as string };
    default:
      return s;
  }
}

export function openingProjection(): Projection {
  return singleStreamProjection({
    name: 'openings',
    version: 1,
    readModel: OpeningReadModel,
    category: OpeningStreams,
    canHandle: typesOf(openingEvents),
    initial: (event): Opening => ({
      openingId: event.subject, kind: 'transfer', title: '', department: '', role: '', level: '', managerId: null, skills: [], startsOn: '1970-01-01',
      status: 'open', applications: 0, filledBy: null, postedAt: event.occurredAt, lastAppliedRevision: -1, updatedAt: '',
    }),
    evolve: evolveOpeningDoc,
  });
}

interface OpeningApplications {
  opening: InternalApplication['opening'] | null;
  applications: Record<string, InternalApplication & { currentManagerId: string | null }>;
}

function evolveApplications(state: OpeningApplications, event: ProjectedEvent): OpeningApplications {
  const d = event.data;
  if (event.type === 'growth.opening.posted') {
    const { kind, title, department, role, startsOn } = d as EventData<typeof OpeningPosted>;
    return { ...state, opening: { kind, title, department, role, startsOn } };
  }
  if (!state.opening) return state;
  const applicantId = d.applicantId as string;
  const current = state.applications[applicantId];
  const set = (application: OpeningApplications['applications'][string]) => ({ ...state, applications: { ...state.applications, [applicantId]: application } });
  switch (event.type) {
    case 'growth.opening.application-submitted':
      return set({ openingId: event.subject, applicantId, opening: state.opening, status: 'submitted', approvedBy: [], submittedAt: event.occurredAt, currentManagerId: d.currentManagerId as string | null });
    case 'growth.opening.application-approved': {
      if (!current) return state;
      const approvedBy = [...current.approvedBy, d.by as 'manager' | 'hr'];
      const approved = approvedBy.includes('hr') && (current.currentManagerId === null || approvedBy.includes('manager'));
      return set({ ...current, approvedBy, status: approved ? 'approved' : 'submitted' });
    }
    case 'growth.opening.application-rejected':
      return current ? set({ ...current, status: 'rejected' }) : state;
    case 'growth.opening.filled':
      return current ? set({ ...current, status: 'filled' }) : state;
    default:
      return state;
  }
}

/** One document per application, found by applicant ("my applications"). */
export function internalApplicationsProjection(): Projection {
  return fanOutProjection<OpeningApplications>({
    name: 'internal-applications',
    version: 1,
    canHandle: typesOf(openingEvents),
    categories: [OpeningStreams],
    readModels: [InternalApplicationReadModel],
    streamState: { collection: 'internal_applications_state', initial: () => ({ opening: null, applications: {} }), evolve: evolveApplications },
    documents: (event, state) => {
      const after = evolveApplications(state, event);
      return Object.values(after.applications)
        .filter((a) => a !== state.applications[a.applicantId])
        .map(({ currentManagerId: _, ...application }) => put(InternalApplicationReadModel, applicationId(application.openingId, application.applicantId), application));
    },
  });
}

/** Every growth projection, for the projector's list. */
export function growthProjections(): Projection[] {
  return [developmentPlanProjection(), mentoringRoundProjection(), mentorshipsProjection(), openingProjection(), internalApplicationsProjection(), skillCoverageProjection(), moveProjection(), courseCatalogueProjection(), learningRecordsProjection()];
}
