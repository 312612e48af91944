import type { Command, Decider } from '@ejp/command-kit';
import {
  type EventData,
  MenteeEnrolled,
  MentorOffered,
  type MentoringEvent,
  MentoringRoundOpened,
  MentoringSessionRecorded,
  MentorPairsProposed,
  MentorProposalAccepted,
  MentorProposalDeclined,
  MentorshipStarted,
} from '@ejp/contracts';
import { activePositionAt, type EmployeeFact } from './employee-facts.ts';
import { GrowthError, recorded } from './errors.ts';
import { assignMentors, type MenteeRequest, type MentorOffer } from './matching.ts';

/**
 * A mentoring round (`mentoring-<roundId>`): HR opens it, mentors offer
 * skills, topics and capacity, mentees state goals; HR has the round matched
 * once, as a whole (matching.ts), and each proposal is accepted or declined
 * by both sides; a mentorship starts when both accepted, and its sessions
 * are recorded here. Offers and enrolments close with the matching, so the
 * capacity the assignment respected is the capacity that holds.
 */

/**
 * The most mentors and mentees one round takes: the assignment is solved in
 * the request, in O(mentees² × (slots + mentees)); 300 of each solve in well
 * under a second (tests/bench/matching.bench.ts). Larger programmes run
 * several rounds (by site or department).
 */
export const MAX_ROUND_SIZE = 300;

type RoundCommand<T extends string, D> = Command<T, { roundId: string } & D>;

export type OpenMentoringRound = RoundCommand<'OpenMentoringRound', EventData<typeof MentoringRoundOpened>>;
/** Department, seniority and manager come from the person's own journey (the routes pass its history), never from the body. */
export type OfferMentoring = RoundCommand<'OfferMentoring', Pick<EventData<typeof MentorOffered>, 'mentorId' | 'skills' | 'topics' | 'capacity'> & { history: EmployeeFact[] }>;
export type EnrolMentee = RoundCommand<'EnrolMentee', Pick<EventData<typeof MenteeEnrolled>, 'menteeId' | 'goals'> & { history: EmployeeFact[] }>;
export type ProposeMentorPairs = RoundCommand<'ProposeMentorPairs', object>;
export type AnswerMentorProposal = RoundCommand<'AnswerMentorProposal', { menteeId: string; accept: boolean; by: string }>;
export type RecordMentoringSession = RoundCommand<
  'RecordMentoringSession',
  Omit<EventData<typeof MentoringSessionRecorded>, 'mentorId'> & { by: string }
>;

export type MentoringCommand = OpenMentoringRound | OfferMentoring | EnrolMentee | ProposeMentorPairs | AnswerMentorProposal | RecordMentoringSession;

export interface PairState {
  mentorId: string;
  accepted: ('mentor' | 'mentee')[];
  declined: boolean;
  started: boolean;
  sessions: string[];
}

export interface OpenRound {
  status: 'open' | 'matched';
  mentors: Record<string, MentorOffer>;
  mentees: Record<string, MenteeRequest>;
  /** By mentee id: a mentee has at most one proposal. */
  pairs: Record<string, PairState>;
}

export type RoundState = { status: 'none' } | OpenRound;

export function evolveRound(state: RoundState, event: MentoringEvent): RoundState {
  if (event.type === 'growth.mentoring.round-opened') return { status: 'open', mentors: {}, mentees: {}, pairs: {} };
  if (state.status === 'none') return state;
  const pair = (menteeId: string, change: (p: PairState) => PairState): RoundState => {
    const current = state.pairs[menteeId];
    return current ? { ...state, pairs: { ...state.pairs, [menteeId]: change(current) } } : state;
  };
  switch (event.type) {
    case 'growth.mentoring.mentor-offered':
      return { ...state, mentors: { ...state.mentors, [event.data.mentorId]: event.data } };
    case 'growth.mentoring.mentee-enrolled':
      return { ...state, mentees: { ...state.mentees, [event.data.menteeId]: event.data } };
    case 'growth.mentoring.pairs-proposed':
      return {
        ...state,
        status: 'matched',
        pairs: Object.fromEntries(event.data.proposals.map((p) => [p.menteeId, { mentorId: p.mentorId, accepted: [], declined: false, started: false, sessions: [] }])),
      };
    case 'growth.mentoring.proposal-accepted':
      return pair(event.data.menteeId, (p) => ({ ...p, accepted: [...p.accepted, event.data.by] }));
    case 'growth.mentoring.proposal-declined':
      return pair(event.data.menteeId, (p) => ({ ...p, declined: true }));
    case 'growth.mentoring.mentorship-started':
      return pair(event.data.menteeId, (p) => ({ ...p, started: true }));
    case 'growth.mentoring.session-recorded':
      return pair(event.data.menteeId, (p) => ({ ...p, sessions: [...p.sessions, event.data.sessionId] }));
  }
}

function requireRound(state: RoundState, roundId: string): OpenRound {
  if (state.status === 'none') throw new GrowthError('EJP_MENTORING_ROUND_NOT_FOUND', `No mentoring round ${roundId} was opened.`);
  return state;
}

function requireOpen(state: RoundState, roundId: string): OpenRound {
  const round = requireRound(state, roundId);
  if (round.status === 'matched') throw new GrowthError('EJP_MENTORING_ROUND_MATCHED', `Round ${roundId} is matched; it takes no more mentors or mentees.`);
  return round;
}

/** A newcomer needs room; someone already in the round may change their offer or goals. */
function requireRoom(round: OpenRound, side: 'mentors' | 'mentees', id: string): void {
  const joined = round[side];
  if (joined[id] === undefined && Object.keys(joined).length >= MAX_ROUND_SIZE) {
    throw new GrowthError('EJP_MENTORING_ROUND_FULL', `The round has ${MAX_ROUND_SIZE} ${side}, the most one round takes; open another round.`, { max: MAX_ROUND_SIZE });
  }
}

function requirePair(round: OpenRound, roundId: string, menteeId: string): PairState {
  if (round.status !== 'matched') throw new GrowthError('EJP_MENTORING_ROUND_NOT_MATCHED', `Round ${roundId} has not been matched yet.`);
  const pair = round.pairs[menteeId];
  if (!pair) throw new GrowthError('EJP_MENTOR_PROPOSAL_NOT_FOUND', `Round ${roundId} proposed no mentor for ${menteeId}.`, { menteeId });
  return pair;
}

/** Which side of the pair the caller is; anyone else may not answer for it. */
function sideOf(pair: PairState, menteeId: string, callerId: string): 'mentor' | 'mentee' {
  if (callerId === menteeId) return 'mentee';
  if (callerId === pair.mentorId) return 'mentor';
  throw new GrowthError('EJP_MENTOR_PROPOSAL_NOT_FOUND', 'Only the proposed mentor and mentee answer a proposal or record its sessions.', { menteeId });
}

export function decideRound(command: MentoringCommand, state: RoundState): MentoringEvent[] {
  const { roundId } = command.data;
  switch (command.type) {
    case 'OpenMentoringRound':
      if (state.status !== 'none') throw new GrowthError('EJP_MENTORING_ROUND_EXISTS', `Mentoring round ${roundId} exists.`);
      return [recorded(MentoringRoundOpened, { title: command.data.title })];
    case 'OfferMentoring': {
      requireRoom(requireOpen(state, roundId), 'mentors', command.data.mentorId);
      const { roundId: _, history, ...offer } = command.data;
      const { department, seniority } = activePositionAt(history, offer.mentorId, command.metadata.now);
      return [recorded(MentorOffered, { ...offer, department, seniority })];
    }
    case 'EnrolMentee': {
      requireRoom(requireOpen(state, roundId), 'mentees', command.data.menteeId);
      const { roundId: _, history, ...request } = command.data;
      const { department, seniority, managerId } = activePositionAt(history, request.menteeId, command.metadata.now);
      return [recorded(MenteeEnrolled, { ...request, department, seniority, managerId })];
    }
    case 'ProposeMentorPairs': {
      const round = requireOpen(state, roundId);
      const { proposals, unmatched, total } = assignMentors(Object.values(round.mentors), Object.values(round.mentees));
      return [recorded(MentorPairsProposed, { proposals, unmatched, total })];
    }
    case 'AnswerMentorProposal': {
      const { menteeId, accept, by } = command.data;
      const pair = requirePair(requireRound(state, roundId), roundId, menteeId);
      const side = sideOf(pair, menteeId, by);
      if (pair.declined) throw new GrowthError('EJP_MENTOR_PROPOSAL_ANSWERED', 'The proposal was declined.', { menteeId });
      const ids = { mentorId: pair.mentorId, menteeId };
      if (!accept) {
        if (pair.started) throw new GrowthError('EJP_MENTOR_PROPOSAL_ANSWERED', 'The mentorship has started: both accepted.', { menteeId });
        return [recorded(MentorProposalDeclined, { ...ids, by: side })];
      }
      // Accepting twice changes nothing.
      if (pair.accepted.includes(side)) return [];
      const both = pair.accepted.length === 1;
      return [recorded(MentorProposalAccepted, { ...ids, by: side }), ...(both ? [recorded(MentorshipStarted, ids)] : [])];
    }
    case 'RecordMentoringSession': {
      const { roundId: _, by, ...session } = command.data;
      const pair = requirePair(requireRound(state, roundId), roundId, session.menteeId);
      sideOf(pair, session.menteeId, by);
      if (!pair.started) throw new GrowthError('EJP_MENTORSHIP_NOT_STARTED', 'Sessions are recorded once both sides accepted.', { menteeId: session.menteeId });
      if (pair.sessions.includes(session.sessionId)) return [];
      return [recorded(MentoringSessionRecorded, { ...session, mentorId: pair.mentorId })];
    }
  }
}

export const mentoringDecider: Decider<MentoringCommand, RoundState, MentoringEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveRound,
  decide: decideRound,
};
