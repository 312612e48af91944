import { CourseStreams, journeyStream, MentoringStreams } from '@ejp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hr, person, service, startTestApp, type TestApp } from './support.ts';

// Five people: a head of engineering (boss), a senior engineer (ana) who manages dev, a staff engineer in Product (bo), and two mentees.
const boss = '10000000-0000-4000-8000-000000000001';
const ana = '10000000-0000-4000-8000-000000000002';
const bo = '10000000-0000-4000-8000-000000000003';
const cy = '10000000-0000-4000-8000-000000000004';
const dev = '10000000-0000-4000-8000-000000000005';
const roundId = '20000000-0000-4000-8000-000000000001';
const openingId = '30000000-0000-4000-8000-000000000001';
const courseId = '40000000-0000-4000-8000-000000000001';
const goalId = '50000000-0000-4000-8000-000000000001';
const actionId = '50000000-0000-4000-8000-000000000002';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.hire(boss, { department: 'Engineering', level: 'M3', managerId: null });
  await t.hire(ana, { department: 'Engineering', level: 'IC5', managerId: boss });
  await t.hire(bo, { department: 'Product', level: 'IC5', managerId: boss });
  await t.hire(cy, { department: 'Sales', level: 'IC3', managerId: boss });
  await t.hire(dev, { department: 'Engineering', level: 'IC3', managerId: ana });
});
afterAll(async () => t?.close());

describe('development plan over HTTP', () => {
  it('is the employee’s own, checked in on by their manager, with the titles encrypted at rest', async () => {
    const goal = { title: 'Lead a design review', skills: ['system-design'], targetDate: '2026-12-31' };
    expect((await t.call('PUT', `/employees/${dev}/development-plan/goals/${goalId}`, person(cy), goal)).statusCode).toBe(403);
    expect((await t.call('PUT', `/employees/${dev}/development-plan/goals/${goalId}`, person(dev), goal)).statusCode).toBe(200);
    const action = { actionId, goalId, title: 'Shadow two reviews', dueOn: '2026-10-01' };
    expect((await t.call('POST', `/employees/${dev}/development-plan/actions`, person(dev), action)).statusCode).toBe(201);
    expect((await t.call('POST', `/employees/${dev}/development-plan/actions/${actionId}/complete`, person(dev))).statusCode).toBe(200);
    const checkIn = { checkInId: actionId, progress: 50, notes: 'Good progress' };
    const notHisManager = await t.call('POST', `/employees/${dev}/development-plan/check-ins`, person(bo, ['manager']), checkIn);
    // Refused by the reporting line before anything is looked up (the domain's own EJP_NOT_THE_MANAGER stays behind it).
    expect([notHisManager.statusCode, notHisManager.json().code]).toEqual([403, 'EJP_FORBIDDEN']);
    expect((await t.call('POST', `/employees/${dev}/development-plan/check-ins`, person(ana, ['manager']), checkIn)).statusCode).toBe(201);
    const stored = await t.raw.readStream(journeyStream(dev));
    expect(JSON.stringify(stored.find((e) => e.type === 'journey.development-plan.goal-set')!.data)).not.toContain('design review');
    expect((await t.store.readStream(journeyStream(dev))).find((e) => e.type === 'journey.development-plan.goal-set')!.data).toMatchObject(goal);
  });
});

describe('a mentoring round over HTTP', () => {
  it('takes positions from the journeys, matches the round as a whole, and starts a mentorship both accepted', async () => {
    expect((await t.call('POST', '/mentoring-rounds', hr, { roundId, title: 'Autumn 2026' })).statusCode).toBe(201);
    const offer = { skills: ['typescript', 'sql'], topics: ['career'], capacity: 1 };
    expect((await t.call('PUT', `/mentoring-rounds/${roundId}/mentors/me`, person(ana), offer)).statusCode).toBe(200);
    expect((await t.call('PUT', `/mentoring-rounds/${roundId}/mentors/me`, person(bo), { ...offer, skills: ['typescript'] })).statusCode).toBe(200);
    expect((await t.call('PUT', `/mentoring-rounds/${roundId}/mentees/me`, person(cy), { goals: ['sql'] })).statusCode).toBe(200);
    expect((await t.call('PUT', `/mentoring-rounds/${roundId}/mentees/me`, person(dev), { goals: ['typescript', 'sql'] })).statusCode).toBe(200);
    const proposed = await t.call('POST', `/mentoring-rounds/${roundId}/proposals`, hr);
    expect(proposed.statusCode).toBe(201);
    const [event] = await t.store.readStream(MentoringStreams.streamOf(roundId), { direction: 'backwards', maxCount: 1 });
    const data = event!.data as { proposals: { mentorId: string; menteeId: string; reasons: { factor: string }[] }[] };
    // ana manages dev: dev gets bo although ana offers both of dev's goals.
    expect(data.proposals.map((p) => [p.mentorId, p.menteeId])).toEqual([[ana, cy], [bo, dev]]);
    expect(data.proposals[0]!.reasons.map((r) => r.factor)).toEqual(['skills', 'seniority', 'department']);
    expect((await t.call('POST', `/mentoring-rounds/${roundId}/proposals/${cy}/accept`, person(bo))).json().code).toBe('EJP_MENTOR_PROPOSAL_NOT_FOUND');
    expect((await t.call('POST', `/mentoring-rounds/${roundId}/proposals/${cy}/accept`, person(cy))).statusCode).toBe(200);
    const both = await t.call('POST', `/mentoring-rounds/${roundId}/proposals/${cy}/accept`, person(ana));
    expect(both.json().events.map((e: { type: string }) => e.type)).toEqual(['growth.mentoring.proposal-accepted', 'growth.mentoring.mentorship-started']);
    const session = { sessionId: '20000000-0000-4000-8000-000000000002', heldOn: '2026-09-09', durationMinutes: 45 };
    expect((await t.call('POST', `/mentoring-rounds/${roundId}/proposals/${cy}/sessions`, person(cy), session)).statusCode).toBe(201);
    const state = await t.call('GET', `/mentoring-rounds/${roundId}`, hr);
    expect([state.statusCode, state.headers.etag]).toEqual([200, `"${state.json().revision}"`]);
    expect(state.json()).toMatchObject({ status: 'matched', mentors: 2, mentees: 2, pairs: 2 });
    expect((await t.call('GET', `/mentoring-rounds/${roundId}`, person(cy))).statusCode).toBe(403);
    expect((await t.call('GET', `/mentoring-rounds/${openingId}`, hr)).statusCode).toBe(404);
  });
});

describe('an internal move over HTTP', () => {
  it('is approved by the current manager and HR, filled, and recorded in the journey with its task list', async () => {
    const opening = { openingId, kind: 'transfer', title: 'Platform team', department: 'Product', role: 'Platform Engineer', level: 'IC3', managerId: bo, skills: ['kubernetes'], startsOn: '2026-10-01' };
    expect((await t.call('POST', '/openings', hr, opening)).statusCode).toBe(201);
    expect((await t.call('POST', `/openings/${openingId}/applications`, person(dev))).statusCode).toBe(201);
    const url = `/openings/${openingId}/applications/${dev}`;
    expect((await t.call('POST', `${url}/fill`, hr)).json().code).toBe('EJP_APPLICATION_NOT_APPROVED');
    expect((await t.call('POST', `${url}/decision`, person(bo, ['manager']), { approve: true })).json().code).toBe('EJP_NOT_THE_MANAGER');
    expect((await t.call('POST', `${url}/decision`, person(ana, ['manager']), { approve: true })).statusCode).toBe(200);
    expect((await t.call('POST', `${url}/decision`, hr, { approve: true })).statusCode).toBe(200);
    expect((await t.call('POST', `${url}/fill`, hr)).statusCode).toBe(200);
    expect((await t.call('GET', `/openings/${openingId}`, hr)).json()).toMatchObject({ status: 'filled', applications: 1, filledBy: dev });
    const moved = await t.call('POST', `/employees/${dev}/position-changes`, hr, { openingId });
    expect(moved.statusCode).toBe(201);
    const events = await t.store.readStream(journeyStream(dev));
    expect(events.find((e) => e.type === 'journey.employee.position-changed')!.data).toMatchObject({
      kind: 'transfer', effectiveOn: '2026-10-01', department: 'Product', managerId: bo, openingId, from: { department: 'Engineering', managerId: ana },
    });
    expect(events.at(-1)!.type).toBe('journey.move.plan-assigned');
    // The reporting line followed: the old manager no longer checks in on the plan, the new one does.
    const checkIn = { checkInId: '50000000-0000-4000-8000-000000000003', progress: 60 };
    expect((await t.call('POST', `/employees/${dev}/development-plan/check-ins`, person(ana, ['manager']), checkIn)).statusCode).toBe(403);
    expect((await t.call('POST', `/employees/${dev}/development-plan/check-ins`, person(bo, ['manager']), checkIn)).statusCode).toBe(201);
  });

  it('refuses a move into an opening the employee did not fill', async () => {
    const refused = await t.call('POST', `/employees/${cy}/position-changes`, hr, { openingId });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'EJP_APPLICATION_NOT_APPROVED']);
  });
});

describe('learning records over HTTP', () => {
  it('takes an external system’s completions once per its own id, from a service account only', async () => {
    const course = { courseId, title: 'Kubernetes basics', provider: 'external', url: 'https://learn.example.com/k8s', skills: ['kubernetes'] };
    expect((await t.call('POST', '/courses', hr, course)).statusCode).toBe(201);
    const completion = { externalId: 'lms-4711', employeeId: dev, completedOn: '2026-09-08' };
    const url = `/courses/${courseId}/external-completions`;
    expect((await t.call('POST', url, person(dev), completion)).statusCode).toBe(403);
    expect((await t.call('POST', url, service, completion)).statusCode).toBe(200);
    // The system re-sends its feed (another request, no Idempotency-Key): nothing new is recorded.
    const again = await t.call('POST', url, service, { ...completion, completedOn: '2026-09-09' });
    expect([again.statusCode, again.json().events]).toEqual([200, []]);
    expect((await t.store.readStream(CourseStreams.streamOf(courseId))).map((e) => e.type)).toEqual(['growth.course.added', 'growth.course.completed']);
    const missingLink = await t.call('POST', '/courses', hr, { ...course, courseId: goalId, url: undefined });
    expect(missingLink.statusCode).toBe(400);
  });
});
