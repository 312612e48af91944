import { describe, expect, it } from 'vitest';
import { allowanceMonthOf, isTimeZone } from './allowance-month.ts';

describe('the allowance month', () => {
  it.each([
    ['2025-03-31T23:30:00Z', 'Europe/Berlin', '2025-04'],
    ['2025-03-31T23:30:00Z', 'UTC', '2025-03'],
    ['2025-04-01T03:00:00Z', 'America/New_York', '2025-03'],
    ['2025-12-31T11:00:00Z', 'Pacific/Auckland', '2026-01'],
    ['2025-01-01T00:00:00Z', 'UTC', '2025-01'],
  ])('%s in %s is %s', (at, zone, month) => {
    expect(allowanceMonthOf(new Date(at), zone)).toBe(month);
  });

  it('knows IANA zones and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
