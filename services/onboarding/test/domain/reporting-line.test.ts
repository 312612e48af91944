import { deciderSpec } from '@ejp/command-kit/testing';
import type { OffboardingEvent } from '@ejp/contracts';
import { describe, it } from 'vitest';
import { type ChangeManager, reportingLineDecider } from '../../src/domain/reporting-line.ts';
import { buddyId, employeeId, hired, managerId } from './fixtures.ts';

const spec = deciderSpec(reportingLineDecider);
const change = (to: string | null): ChangeManager => ({ type: 'ChangeManager', data: { employeeId, managerId: to }, metadata: { now: new Date('2025-05-01T09:00:00Z') } });
const departed: OffboardingEvent = { type: 'journey.employee.departed', data: { kind: 'resignation', voluntary: true, lastDay: '2025-04-30', departedOn: '2025-04-30' } };

describe('change manager', () => {
  it('records the new manager with the previous one', () => {
    spec.given([hired]).when(change(buddyId)).then([{ type: 'journey.employee.manager-changed', data: { managerId: buddyId, previousManagerId: managerId } }]);
    spec.given([hired]).when(change(null)).then([{ type: 'journey.employee.manager-changed', data: { managerId: null, previousManagerId: managerId } }]);
  });

  it('changes nothing for the same manager again (an upper-case id is the same one), and follows earlier changes', () => {
    spec.given([hired]).when(change(managerId.toUpperCase())).then([]);
    const moved = { type: 'journey.employee.manager-changed', data: { managerId: buddyId, previousManagerId: managerId } } as const;
    spec.given([hired, moved]).when(change(managerId)).then([{ type: 'journey.employee.manager-changed', data: { managerId, previousManagerId: buddyId } }]);
  });

  it('refuses an unknown or departed employee, and reporting to oneself', () => {
    spec.given([]).when(change(managerId)).thenThrows('EJP_EMPLOYEE_NOT_FOUND');
    spec.given([hired, departed]).when(change(buddyId)).thenThrows('EJP_EMPLOYEE_DEPARTED');
    spec.given([hired]).when(change(employeeId)).thenThrows('EJP_INVALID_COMMAND');
  });
});
