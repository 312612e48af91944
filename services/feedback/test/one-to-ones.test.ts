import { randomUUID } from 'node:crypto';
import { EmployeeHired, journeyStream, newEvent } from '@ejp/contracts';
import { ReportingLinesReadModel, type TimelineEntry } from '@ejp/contracts/read-models';
import { afterEach, describe, expect, it } from 'vitest';
import { type FeedbackTestApp, startFeedbackApp } from './support.ts';

let t: FeedbackTestApp;
afterEach(async () => {
  await t?.close();
});

const employee = randomUUID();
const manager = randomUUID();
const timelineOf = async (id: string) =>
  (await t.readStore.query<TimelineEntry>('timeline', { where: { employeeId: id } })).items.map((i) => i.doc).filter((entry) => entry.type === 'journey.one-to-one.recorded');

/** The employee, hired with `manager` as their manager: the reporting line access checks a one-to-one against. */
async function hireWithManager(): Promise<void> {
  const hire = { employeeId: employee, givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com', department: 'Engineering', role: 'Engineer', level: 'L3', managerId: manager, location: 'Oslo', startDate: '2025-01-06' };
  await t.store.appendToStream(journeyStream(employee), [newEvent(EmployeeHired, hire, { actor: { id: 'hr-1', kind: 'hr' }, correlationId: 'hire', causationId: 'hire' })], { expectedRevision: 'no-stream' });
  await t.waitFor('the reporting line', async () => (await t.readStore.get(ReportingLinesReadModel.collection, employee)) !== undefined);
}

describe('one-to-one check-ins', () => {
  it('are on both timelines with mood and topics, their notes encrypted and for the two of them only', async () => {
    t = await startFeedbackApp();
    await hireWithManager();
    const checkInId = randomUUID();
    const body = { checkInId, managerId: manager, heldOn: '2025-03-03', mood: 4, topics: ['workload', 'career'], notes: 'Wants to lead the billing project' };
    expect((await t.post(`/employees/${employee}/one-to-ones`, 'manager', body, randomUUID())).json()).toMatchObject({ status: 403 });
    const recorded = await t.post(`/employees/${employee}/one-to-ones`, 'manager', body, manager);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect((await t.post(`/employees/${employee}/one-to-ones`, 'employee', body, employee)).json()).toMatchObject({ status: 409, code: 'EJP_CHECK_IN_EXISTS' });

    const stored = (await t.raw.readStream(journeyStream(employee))).find((event) => event.type === 'journey.one-to-one.recorded');
    expect(JSON.stringify(stored!.data)).not.toContain('billing project');

    const notes = async (subject: string, role = 'employee') => t.app.inject({ method: 'GET', url: `/employees/${employee}/one-to-ones/${checkInId}/notes`, headers: await t.as(role, subject) });
    expect((await notes(employee)).json()).toEqual({ checkInId, notes: 'Wants to lead the billing project' });
    expect((await notes(manager, 'manager')).json()).toEqual({ checkInId, notes: 'Wants to lead the billing project' });
    expect((await notes(randomUUID(), 'manager')).statusCode).toBe(403);
    expect((await notes(randomUUID())).statusCode).toBe(403);

    await t.waitFor('both timelines', async () => (await timelineOf(manager)).length === 1 && (await timelineOf(employee)).length === 1);
    const [own] = await timelineOf(employee);
    const [managers] = await timelineOf(manager);
    expect(own).toMatchObject({ type: 'journey.one-to-one.recorded', title: 'One-to-one: mood 4/5, workload, career', data: { mood: 4, topics: ['workload', 'career'] }, withheld: ['$.notes'] });
    expect(managers).toMatchObject({ employeeId: manager, eventId: stored!.id, title: 'One-to-one with a report: mood 4/5', withheld: ['$.notes'] });
    expect(JSON.stringify(managers)).not.toContain('billing project');
  });
});
