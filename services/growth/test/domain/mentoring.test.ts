import { deciderSpec } from '@ejp/command-kit/testing';
import type { MentoringEvent } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { assignMentors } from '../../src/domain/matching.ts';
import { MAX_ROUND_SIZE, type MentoringCommand, mentoringDecider } from '../../src/domain/mentoring.ts';

const spec = deciderSpec(mentoringDecider);
const roundId = 'a0000000-0000-4000-8000-000000000000';
const ana = 'a1111111-1111-4111-8111-111111111111';
const bo = 'b2222222-2222-4222-8222-222222222222';
const cy = 'c3333333-3333-4333-8333-333333333333';
const dev = 'd4444444-4444-4444-8444-444444444444';
const now = new Date('2026-09-10T09:00:00Z');
const command = (type: MentoringCommand['type'], data: object) => ({ type, data: { roundId, ...data }, metadata: { now } }) as MentoringCommand;

const opened: MentoringEvent = { type: 'growth.mentoring.round-opened', data: { title: 'Autumn' } };
const anaOffers = { mentorId: ana, department: 'Engineering', seniority: 5, skills: ['typescript', 'sql'], topics: [], capacity: 1 };
const boOffers = { mentorId: bo, department: 'Engineering', seniority: 8, skills: ['typescript'], topics: [], capacity: 1 };
// ana manages dev, so the optimum is bo for dev and ana for cy.
const cyJoins = { menteeId: cy, department: 'Sales', seniority: 3, managerId: null, goals: ['sql'] };
const devJoins = { menteeId: dev, department: 'Engineering', seniority: 3, managerId: ana, goals: ['typescript', 'sql'] };
/** A journey history as the routes pass it: one position since long ago. */
const history = (department: string, level: string, managerId: string | null = null) => [{ since: '2020-01-01T00:00:00.000Z', status: 'active' as const, position: { department, role: 'Staff', level, managerId } }];
const round: MentoringEvent[] = [
  opened,
  { type: 'growth.mentoring.mentor-offered', data: anaOffers },
  { type: 'growth.mentoring.mentor-offered', data: boOffers },
  { type: 'growth.mentoring.mentee-enrolled', data: cyJoins },
  { type: 'growth.mentoring.mentee-enrolled', data: devJoins },
];
const { proposals, unmatched, total } = assignMentors([anaOffers, boOffers], [cyJoins, devJoins]);
const proposed: MentoringEvent = { type: 'growth.mentoring.pairs-proposed', data: { proposals, unmatched, total } };
const accepted = (by: 'mentor' | 'mentee'): MentoringEvent => ({ type: 'growth.mentoring.proposal-accepted', data: { mentorId: ana, menteeId: cy, by } });
const started: MentoringEvent = { type: 'growth.mentoring.mentorship-started', data: { mentorId: ana, menteeId: cy } };

describe('a mentoring round', () => {
  it('takes offers and enrolments while open, once opened', () => {
    spec.given([opened]).when(command('OfferMentoring', { mentorId: ana, skills: ['typescript', 'sql'], topics: [], capacity: 1, history: history('Engineering', 'IC5') })).then([round[1]!]);
    spec.given([opened]).when(command('EnrolMentee', { menteeId: dev, goals: ['typescript', 'sql'], history: history('Engineering', 'IC3', ana) })).then([round[4]!]);
    spec.given([]).when(command('EnrolMentee', { menteeId: cy, goals: ['sql'], history: history('Sales', 'IC3') })).thenThrows('EJP_MENTORING_ROUND_NOT_FOUND');
    spec.given([opened]).when(command('OpenMentoringRound', { title: 'Again' })).thenThrows('EJP_MENTORING_ROUND_EXISTS');
  });

  it('takes at most MAX_ROUND_SIZE mentees, while those in it may change their goals', () => {
    const full: MentoringEvent[] = [opened, ...Array.from({ length: MAX_ROUND_SIZE }, (_, i): MentoringEvent => ({ type: 'growth.mentoring.mentee-enrolled', data: { ...cyJoins, menteeId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` } }))];
    spec.given(full).when(command('EnrolMentee', { menteeId: dev, goals: ['sql'], history: history('Engineering', 'IC3', ana) })).thenThrows('EJP_MENTORING_ROUND_FULL');
    const inside = (full[1] as Extract<MentoringEvent, { type: 'growth.mentoring.mentee-enrolled' }>).data.menteeId;
    spec.given(full).when(command('EnrolMentee', { menteeId: inside, goals: ['sql'], history: history('Sales', 'IC3') })).then([{ type: 'growth.mentoring.mentee-enrolled', data: { ...cyJoins, menteeId: inside } }]);
  });

  it('proposes the optimal pairs once, each with its reasons, and closes the round to newcomers', () => {
    expect(proposals.map((p) => [p.mentorId, p.menteeId])).toEqual([[ana, cy], [bo, dev]]);
    spec.given(round).when(command('ProposeMentorPairs', {})).then([proposed]);
    spec.given([...round, proposed]).when(command('ProposeMentorPairs', {})).thenThrows('EJP_MENTORING_ROUND_MATCHED');
    spec.given([...round, proposed]).when(command('EnrolMentee', { menteeId: cy, goals: ['sql'], history: history('Sales', 'IC3') })).thenThrows('EJP_MENTORING_ROUND_MATCHED');
  });

  it('starts the mentorship when both sides accepted; a second acceptance records nothing', () => {
    spec.given([...round, proposed]).when(command('AnswerMentorProposal', { menteeId: cy, accept: true, by: cy })).then([accepted('mentee')]);
    spec.given([...round, proposed, accepted('mentee')]).when(command('AnswerMentorProposal', { menteeId: cy, accept: true, by: cy })).then([]);
    spec.given([...round, proposed, accepted('mentee')]).when(command('AnswerMentorProposal', { menteeId: cy, accept: true, by: ana })).then([accepted('mentor'), started]);
  });

  it('lets only the pair answer, and not after a decline', () => {
    spec.given([...round, proposed]).when(command('AnswerMentorProposal', { menteeId: cy, accept: true, by: bo })).thenThrows('EJP_MENTOR_PROPOSAL_NOT_FOUND');
    const declined: MentoringEvent = { type: 'growth.mentoring.proposal-declined', data: { mentorId: ana, menteeId: cy, by: 'mentor' } };
    spec.given([...round, proposed]).when(command('AnswerMentorProposal', { menteeId: cy, accept: false, by: ana })).then([declined]);
    spec.given([...round, proposed, declined]).when(command('AnswerMentorProposal', { menteeId: cy, accept: true, by: cy })).thenThrows('EJP_MENTOR_PROPOSAL_ANSWERED');
    spec.given(round).when(command('AnswerMentorProposal', { menteeId: cy, accept: true, by: cy })).thenThrows('EJP_MENTORING_ROUND_NOT_MATCHED');
  });

  it('records sessions of a started mentorship, each session once', () => {
    const session = { sessionId: roundId, menteeId: cy, heldOn: '2026-09-09', durationMinutes: 45 };
    const recorded: MentoringEvent = { type: 'growth.mentoring.session-recorded', data: { sessionId: roundId, mentorId: ana, menteeId: cy, heldOn: '2026-09-09', durationMinutes: 45 } };
    const both = [...round, proposed, accepted('mentee'), accepted('mentor'), started];
    spec.given(both).when(command('RecordMentoringSession', { ...session, by: ana })).then([recorded]);
    spec.given([...both, recorded]).when(command('RecordMentoringSession', { ...session, by: cy })).then([]);
    spec.given([...round, proposed, accepted('mentee')]).when(command('RecordMentoringSession', { ...session, by: cy })).thenThrows('EJP_MENTORSHIP_NOT_STARTED');
  });
});
