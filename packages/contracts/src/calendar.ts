import type { JourneyStage } from './vocabulary.ts';

/**
 * Calendar rules every service applies the same way. Dates are ISO calendar
 * days (`YYYY-MM-DD`) in UTC, so no daylight-saving hour moves a day, and
 * they compare correctly as strings.
 */

/** The UTC calendar day of an instant. */
export function isoDay(at: Date | string): string {
  return (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days (may be negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return isoDay(new Date(Date.UTC(year, month - 1, day + days)));
}

/** Calendar days from `from` to `to` (ISO days): 0 on the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * The stage on `day` of an employee whose last recorded stage is `stage`:
 * pre-boarding ends on the start date, which no event marks, so readers judge
 * it against their own clock. Every other stage changes only by an event.
 */
export function stageOnDay(stage: JourneyStage, startDate: string | null, day: string): JourneyStage {
  if (stage !== 'pre-boarding' || startDate === null) return stage;
  return day >= startDate ? 'onboarding' : 'pre-boarding';
}
