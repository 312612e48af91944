import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, addBusinessMinutes, businessMinutesBetween } from '../../src/domain/business-hours.ts';
import { londonOffice } from './fixtures.ts';

const at = (iso: string) => new Date(iso);

describe('business hours on a calendar', () => {
  it('counts only working hours on working days', () => {
    // Monday 10:00 to Monday 16:00 (GMT): 6 hours.
    expect(businessMinutesBetween(londonOffice, at('2026-03-02T10:00:00Z'), at('2026-03-02T16:00:00Z'))).toBe(360);
    // Friday 16:00 to Monday 10:00: 1 hour on Friday, 1 on Monday; the weekend counts nothing.
    expect(businessMinutesBetween(londonOffice, at('2026-03-06T16:00:00Z'), at('2026-03-09T10:00:00Z'))).toBe(120);
    // Before opening and after closing count nothing.
    expect(businessMinutesBetween(londonOffice, at('2026-03-02T17:30:00Z'), at('2026-03-03T08:59:00Z'))).toBe(0);
  });

  it('carries a target over the evening and the weekend', () => {
    expect(addBusinessMinutes(londonOffice, at('2026-03-02T10:00:00Z'), 480)).toEqual(at('2026-03-03T10:00:00Z'));
    expect(addBusinessMinutes(londonOffice, at('2026-03-06T16:00:00Z'), 120)).toEqual(at('2026-03-09T10:00:00Z'));
    // Submitted on Saturday: the clock starts on Monday at opening.
    expect(addBusinessMinutes(londonOffice, at('2026-03-07T12:00:00Z'), 60)).toEqual(at('2026-03-09T10:00:00Z'));
  });

  it('skips holidays: Good Friday and Easter Monday', () => {
    // Thursday 2 April 16:00 + 2 hours: 1 hour on Thursday, then Friday, the weekend and Monday are off; Tuesday 09:00 (BST, UTC+1) + 1 hour.
    expect(addBusinessMinutes(londonOffice, at('2026-04-02T15:00:00Z'), 120)).toEqual(at('2026-04-07T09:00:00Z'));
    expect(businessMinutesBetween(londonOffice, at('2026-04-02T15:00:00Z'), at('2026-04-07T09:00:00Z'))).toBe(120);
  });

  it('follows the time zone across a daylight-saving change', () => {
    // Friday 27 March 16:00 GMT (16:00 local) + 2 h: Friday 16:00-17:00, then Monday 30 March opens at 09:00 BST = 08:00 UTC.
    expect(addBusinessMinutes(londonOffice, at('2026-03-27T16:00:00Z'), 120)).toEqual(at('2026-03-30T09:00:00Z'));
  });

  it('counts every minute on the always-open calendar: 24 hours are a day', () => {
    expect(addBusinessMinutes(ALWAYS_OPEN, at('2026-03-07T12:00:00Z'), 24 * 60)).toEqual(at('2026-03-08T12:00:00Z'));
    expect(businessMinutesBetween(ALWAYS_OPEN, at('2026-03-07T12:00:00Z'), at('2026-03-08T12:00:00Z'))).toBe(1_440);
  });
});
