import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoDay, stageOnDay } from './calendar.ts';

describe('calendar', () => {
  it('adds calendar days across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-12-31', 90)).toBe('2026-03-31');
  });

  it('counts calendar days between two days, across a DST change and backwards', () => {
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-03-10', '2025-03-10')).toBe(0);
    expect(daysBetween('2025-03-10', '2025-02-28')).toBe(-10);
  });

  it('takes the UTC day of an instant', () => {
    expect(isoDay('2025-03-09T23:59:59.999Z')).toBe('2025-03-09');
    expect(isoDay(new Date('2025-03-10T00:00:00Z'))).toBe('2025-03-10');
  });

  it('ends pre-boarding on the start date and leaves every other stage alone', () => {
    expect(stageOnDay('pre-boarding', '2025-03-10', '2025-03-09')).toBe('pre-boarding');
    expect(stageOnDay('pre-boarding', '2025-03-10', '2025-03-10')).toBe('onboarding');
    expect(stageOnDay('pre-boarding', null, '2030-01-01')).toBe('pre-boarding');
    expect(stageOnDay('probation', '2025-03-10', '2025-01-01')).toBe('probation');
  });
});
