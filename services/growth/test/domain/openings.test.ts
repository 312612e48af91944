import { deciderSpec } from '@ejp/command-kit/testing';
import type { OpeningEvent } from '@ejp/contracts';
import { describe, it } from 'vitest';
import { type OpeningsCommand, openingDecider } from '../../src/domain/openings.ts';

const spec = deciderSpec(openingDecider);
const openingId = 'a0000000-0000-4000-8000-000000000000';
const applicantId = 'a1111111-1111-4111-8111-111111111111';
const managerId = 'b2222222-2222-4222-8222-222222222222';
const hiringManagerId = 'c3333333-3333-4333-8333-333333333333';
const command = (type: OpeningsCommand['type'], data: object) => ({ type, data: { openingId, ...data }, metadata: { now: new Date('2026-09-10T09:00:00Z') } }) as OpeningsCommand;

const opening = { kind: 'transfer' as const, title: 'Platform team', department: 'Engineering', role: 'Software Engineer', level: 'IC4', managerId: hiringManagerId, skills: [], startsOn: '2026-10-01' };
const posted: OpeningEvent = { type: 'growth.opening.posted', data: opening };
const applied: OpeningEvent = { type: 'growth.opening.application-submitted', data: { applicantId, currentManagerId: managerId } };
const approved = (by: 'manager' | 'hr'): OpeningEvent => ({ type: 'growth.opening.application-approved', data: { applicantId, by } });
const manager = { id: managerId, roles: ['manager'] };
/** The applicant's journey as the routes pass it; `moved` adds a later move to another manager. */
const position = (managerId: string | null) => ({ department: 'Sales', role: 'AE', level: 'IC3', managerId });
const history = (current: string | null, later: { since: string; status: 'active' | 'departed' }[] = []) => [
  { since: '2020-01-01T00:00:00.000Z', status: 'active' as const, position: position(current) },
  ...later.map((entry) => ({ ...entry, position: position(hiringManagerId) })),
];
const hr = { id: 'hr-1', roles: ['hr'] };

describe('an internal opening', () => {
  it('takes one application per employee, not from its own manager', () => {
    spec.given([posted]).when(command('ApplyForOpening', { applicantId, history: history(managerId) })).then([applied]);
    spec.given([posted, applied]).when(command('ApplyForOpening', { applicantId, history: history(managerId) })).thenThrows('EJP_APPLICATION_EXISTS');
    spec.given([posted]).when(command('ApplyForOpening', { applicantId: hiringManagerId, history: history(null) })).thenThrows('EJP_INVALID_COMMAND');
    spec.given([]).when(command('ApplyForOpening', { applicantId, history: history(managerId) })).thenThrows('EJP_OPENING_NOT_FOUND');
  });

  it('takes the applicant’s manager as it stood at the instant of the command, so a retry after a move decides the same', () => {
    // Moved to the hiring manager after the application (2026-09-10): the application still names the manager of that day.
    spec.given([posted]).when(command('ApplyForOpening', { applicantId, history: history(managerId, [{ since: '2026-10-01T00:00:00.000Z', status: 'active' }]) })).then([applied]);
    spec.given([posted]).when(command('ApplyForOpening', { applicantId, history: history(managerId, [{ since: '2026-09-01T00:00:00.000Z', status: 'departed' }]) })).thenThrows('EJP_EMPLOYEE_DEPARTED');
    spec.given([posted]).when(command('ApplyForOpening', { applicantId, history: [] })).thenThrows('EJP_EMPLOYEE_NOT_FOUND');
  });

  it("is decided by the applicant's current manager and HR, each once", () => {
    spec.given([posted, applied]).when(command('DecideApplication', { applicantId, approve: true, by: manager })).then([approved('manager')]);
    spec.given([posted, applied]).when(command('DecideApplication', { applicantId, approve: true, by: { id: hiringManagerId, roles: ['manager'] } })).thenThrows('EJP_NOT_THE_MANAGER');
    spec.given([posted, applied, approved('manager')]).when(command('DecideApplication', { applicantId, approve: true, by: manager })).thenThrows('EJP_APPLICATION_DECIDED');
    spec.given([posted, applied]).when(command('DecideApplication', { applicantId, approve: false, by: hr })).then([{ type: 'growth.opening.application-rejected', data: { applicantId, by: 'hr' } }]);
  });

  it('is filled once, by an applicant both approved', () => {
    const filled: OpeningEvent = { type: 'growth.opening.filled', data: { applicantId } };
    spec.given([posted, applied, approved('hr')]).when(command('FillOpening', { applicantId })).thenThrows('EJP_APPLICATION_NOT_APPROVED');
    spec.given([posted, applied, approved('hr'), approved('manager')]).when(command('FillOpening', { applicantId })).then([filled]);
    spec.given([posted, applied, approved('hr'), approved('manager'), filled]).when(command('FillOpening', { applicantId })).then([]);
    spec.given([posted, applied, filled]).when(command('ApplyForOpening', { applicantId: managerId, history: history(null) })).thenThrows('EJP_OPENING_FILLED');
    // Without a current manager, HR's approval is enough.
    const noManager: OpeningEvent = { type: 'growth.opening.application-submitted', data: { applicantId, currentManagerId: null } };
    spec.given([posted, noManager, approved('hr')]).when(command('FillOpening', { applicantId })).then([filled]);
  });
});
