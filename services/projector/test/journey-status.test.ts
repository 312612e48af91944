import { addDays } from '@ejp/contracts';
import { journeyStatusSchema, journeyStatusStageOn } from '@ejp/contracts/read-models';
import { describe, expect, it } from 'vitest';
import { emptyStatus, evolveJourneyStatus, type StatusEvent } from '../src/journey-status.ts';

const id = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
let revision = 0;
const ev = (type: string, data: Record<string, unknown>, occurredAt = '2025-02-01T09:00:00.000Z'): StatusEvent => ({ type, data, revision: revision++, occurredAt });
const hired = (startDate: string) =>
  ev('journey.employee.hired', { employeeId: id, department: 'D', role: 'R', level: 'L', managerId: null, location: 'X', startDate });
const plan = ev('journey.onboarding.plan-assigned', {
  tasks: [
    { id: 'a', title: 'A', owner: 'it', dueOffsetDays: -3, required: true },
    { id: 'b', title: 'B', owner: 'hr', dueOffsetDays: 30, required: false },
  ],
});

const fold = (events: StatusEvent[]) => events.reduce((status, event) => evolveJourneyStatus(status, event), emptyStatus(id));

describe('journey status', () => {
  it('computes due dates from the start date, before or after the plan arrives, and recomputes them when it moves', () => {
    const s = fold([hired('2025-03-03'), plan]);
    expect(s.tasks.map((t) => t.dueDate)).toEqual(['2025-02-28', '2025-04-02']);
    const planFirst = fold([plan, hired('2025-03-03')]);
    expect(planFirst.tasks.map((t) => t.dueDate)).toEqual(['2025-02-28', '2025-04-02']);
    const moved = evolveJourneyStatus(s, ev('journey.employee.start-date-changed', { from: '2025-03-03', to: '2025-03-10' }));
    expect(moved.startDate).toBe('2025-03-10');
    expect(moved.tasks.map((t) => t.dueDate)).toEqual(['2025-03-07', '2025-04-09']);
  });

  it('counts done and required tasks; completing twice keeps the first time; a re-assigned plan keeps completions', () => {
    let s = fold([hired('2025-03-03'), plan]);
    s = evolveJourneyStatus(s, ev('journey.onboarding.task-completed', { taskId: 'a' }, '2025-03-01T00:00:00.000Z'));
    s = evolveJourneyStatus(s, ev('journey.onboarding.task-completed', { taskId: 'a' }, '2025-03-05T00:00:00.000Z'));
    expect(s.progress).toEqual({ done: 1, total: 2, requiredDone: 1, requiredTotal: 1 });
    expect(s.tasks[0]!.completedAt).toBe('2025-03-01T00:00:00.000Z');
    s = evolveJourneyStatus(s, { ...plan, revision: revision++ });
    expect(s.tasks[0]!.done).toBe(true);
  });

  it('moves through the stages: pre-boarding until the start date, probation after onboarding, then the outcome', () => {
    const s = fold([hired('2025-03-10'), plan]);
    expect(s.stage).toBe('pre-boarding');
    expect(journeyStatusStageOn(s, '2025-03-09T23:59:59.999Z')).toBe('pre-boarding');
    expect(journeyStatusStageOn(s, '2025-03-10T00:00:00.000Z')).toBe('onboarding');
    const started = evolveJourneyStatus(s, ev('journey.onboarding.buddy-assigned', { buddyId: id, kind: 'buddy' }, '2025-03-10T08:00:00.000Z'));
    expect(started.stage).toBe('onboarding');
    const done = evolveJourneyStatus(started, ev('journey.onboarding.completed', {}, '2025-06-01T00:00:00.000Z'));
    expect(done.stage).toBe('probation');
    const outcome = (data: Record<string, unknown>) => evolveJourneyStatus(done, ev('journey.probation.outcome-recorded', data)).stage;
    expect(outcome({ outcome: 'passed' })).toBe('in-role');
    expect(outcome({ outcome: 'extended', newEndDate: '2025-12-01' })).toBe('probation');
    expect(outcome({ outcome: 'not-passed' })).toBe('offboarding');
  });

  it('keeps the stage fold in the document, which the shared read-model schema accepts', () => {
    const s = fold([hired('2025-03-10'), plan, ev('journey.onboarding.completed', {}, '2025-06-01T00:00:00.000Z')]);
    expect(s.stageFold).toEqual({ stage: 'probation', chapter: 1, startDate: '2025-03-10' });
    expect(journeyStatusSchema.parse(s)).toEqual(s);
  });

  it('advances the revision for a type it does not use, and takes every time from the event', () => {
    const s = evolveJourneyStatus(emptyStatus(id), { type: 'journey.recognition.given', data: {}, revision: 7, occurredAt: '2025-05-05T00:00:00.000Z' });
    expect(s.lastAppliedRevision).toBe(7);
    expect(s.updatedAt).toBe('2025-05-05T00:00:00.000Z');
  });

  it('adds days in the calendar across months, leap years and DST changes', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-03-29', 1)).toBe('2025-03-30');
    expect(addDays('2025-12-31', 90)).toBe('2026-03-31');
  });
});
