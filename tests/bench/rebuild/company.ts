import { randomUUID } from 'node:crypto';
import {
  addDays,
  type AppendMetadata,
  EmployeeDeparted,
  EmployeeHired,
  type EventDefinition,
  journeyStream,
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
} from '@ejp/contracts';
import type { JourneyEnvelope } from '@ejp/messaging';

/**
 * A synthetic company for the rebuild and analytics benchmarks: each
 * employee's journey in one append (hire, plan of 3 tasks, their completion,
 * the end of onboarding, two one-to-ones, a recognition to the previous
 * hire), every 10th a suggestion answered, every 20th a departure: about 9.3
 * events per employee. Days spread over two years, ten departments, so the
 * analytics cells saturate as a real company's would.
 */

export const EVENTS_PER_EMPLOYEE = 9.3;
const DEPARTMENTS = Array.from({ length: 10 }, (_, i) => `Department ${i + 1}`);
const VALUES = ['teamwork', 'ownership', 'customer-focus', 'courage'];
const FIRST_DAY = '2024-01-01';

export interface Append {
  stream: string;
  events: NewEvent[];
}

const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
const ctx = (day: string, hour?: number) => ({ actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: randomUUID(), causationId: randomUUID(), occurredAt: at(day, hour) });
const ev = <D extends EventDefinition>(definition: D, data: Parameters<typeof newEvent<D>>[1], day: string, hour?: number) => newEvent(definition, data, ctx(day, hour));

export function* companyAppends(employees: number): Generator<Append> {
  let previous: string | undefined;
  for (let i = 0; i < employees; i++) {
    const employeeId = randomUUID();
    const hiredOn = addDays(FIRST_DAY, i % 600);
    const startDate = addDays(hiredOn, 7);
    const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
    const events: NewEvent[] = [
      ev(EmployeeHired, { employeeId, givenName: 'Bench', familyName: 'Person', email: 'bench@example.com', department, role: 'Engineer', level: `L${1 + (i % 5)}`, managerId: previous ?? null, location: 'Lisbon', startDate }, hiredOn),
      ev(OnboardingPlanAssigned, {
        tasks: [
          { id: 'laptop', title: 'Laptop', owner: 'it', dueOffsetDays: 0, required: true },
          { id: 'buddy', title: 'Buddy', owner: 'buddy', dueOffsetDays: 5, required: true },
          { id: 'handbook', title: 'Handbook', owner: 'employee', dueOffsetDays: 10, required: false },
        ],
      }, hiredOn, 10),
      ev(OnboardingTaskCompleted, { taskId: 'laptop' }, startDate),
      ev(OnboardingTaskCompleted, { taskId: 'buddy' }, addDays(startDate, 3 + (i % 7))),
      ev(OnboardingTaskCompleted, { taskId: 'handbook' }, addDays(startDate, 8 + (i % 5))),
      ev(OnboardingCompleted, {}, addDays(startDate, 30 + (i % 40))),
      ev(OneToOneRecorded, { checkInId: randomUUID(), managerId: previous ?? 'ceo', heldOn: addDays(startDate, 80), mood: 1 + (i % 5), topics: [] }, addDays(startDate, 80)),
      ev(OneToOneRecorded, { checkInId: randomUUID(), managerId: previous ?? 'ceo', heldOn: addDays(startDate, 110), mood: 1 + ((i * 3) % 5), topics: [] }, addDays(startDate, 110)),
    ];
    if (previous) {
      const month = addDays(startDate, 60).slice(0, 7);
      events.push(
        ev(RecognitionGiven, {
          recognitionId: randomUUID(), recipientIds: [previous], values: [VALUES[i % VALUES.length]!], message: 'Thanks', pointsPerRecipient: 0, visibility: 'public',
          funding: { month, allowance: 0, boost: 0 }, withdrawableUntil: at(addDays(startDate, 61)).toISOString(),
        }, addDays(startDate, 60)),
      );
    }
    if (i % 20 === 19) {
      const lastDay = addDays(startDate, 200 + (i % 100));
      events.push(
        ev(OffboardingStarted, { kind: 'resignation', voluntary: true, regrettable: i % 40 === 39, lastDay, initiatedBy: 'employee' }, addDays(lastDay, -30)),
        ev(EmployeeDeparted, { kind: 'resignation', voluntary: true, lastDay, departedOn: lastDay }, lastDay, 17),
      );
    }
    yield { stream: journeyStream(employeeId), events };
    if (i % 10 === 9) {
      const suggestionId = randomUUID();
      const submittedOn = addDays(startDate, 20);
      yield {
        stream: SuggestionStreams.streamOf(suggestionId),
        events: [
          ev(SuggestionSubmitted, { suggestionId, category: 'tools', text: 'An idea', submittedOn, answerDueBy: addDays(submittedOn, 7), submittedBy: employeeId }, submittedOn),
          ev(SuggestionAnswered, { answer: 'planned', text: 'Planned', answeredBy: 'hr-1', answeredOn: addDays(submittedOn, 1 + (i % 12)) }, addDays(submittedOn, 1 + (i % 12))),
        ],
      };
    }
    previous = employeeId;
  }
}

/** The same company as the envelopes a bus delivers (for projecting it without an event store). */
export function* companyEnvelopes(employees: number): Generator<JourneyEnvelope[]> {
  let position = 0;
  for (const append of companyAppends(employees)) {
    yield append.events.map((e, revision) => {
      const metadata = e.metadata as unknown as AppendMetadata;
      return {
      eventId: e.id,
      type: e.type,
      version: metadata.version,
      stream: append.stream,
      revision: String(revision),
      globalPosition: String(++position),
      occurredAt: metadata.occurredAt,
      recordedAt: metadata.occurredAt,
      actor: metadata.actor,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      data: e.data,
      };
    });
  }
}
