import { describe, expect, it } from 'vitest';
import { evolvePosition, type Position } from './position.ts';

const hired = { type: 'journey.employee.hired', data: { employeeId: 'e', department: 'Sales', role: 'AE', level: 'IC3', managerId: 'm1', location: 'Lisbon', startDate: '2026-01-05' } };
const moved = { type: 'journey.employee.position-changed', data: { kind: 'transfer', effectiveOn: '2026-09-01', department: 'Engineering', role: 'SE', level: 'IC3', managerId: 'm2', from: {} } };

describe('evolvePosition', () => {
  it('takes the position from the hire, then from a position change, and ignores every other type', () => {
    const fold = (events: { type: string; data: unknown }[]) => events.reduce<Position | null>(evolvePosition, null);
    expect(fold([hired])).toEqual({ department: 'Sales', role: 'AE', level: 'IC3', managerId: 'm1' });
    expect(fold([hired, moved, { type: 'journey.onboarding.task-completed', data: { taskId: 't' } }])).toEqual({ department: 'Engineering', role: 'SE', level: 'IC3', managerId: 'm2' });
    expect(fold([{ type: 'journey.onboarding.task-completed', data: { taskId: 't' } }])).toBeNull();
  });
});
