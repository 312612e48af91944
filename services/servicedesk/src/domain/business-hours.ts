import { ALWAYS_OPEN_CALENDAR_ID, type BusinessCalendar } from '@ejp/contracts';

/**
 * Business-hours arithmetic on a calendar: working hours on some weekdays in
 * one IANA time zone, minus holidays. Pure: the time zone's offsets come from
 * Intl, so a day with a daylight-saving change has its true length.
 */

/** Every minute counts: the calendar of an item that names none. */
export const ALWAYS_OPEN: BusinessCalendar = {
  calendarId: ALWAYS_OPEN_CALENDAR_ID,
  timeZone: 'UTC',
  workingDays: [1, 2, 3, 4, 5, 6, 7],
  opensAt: '00:00',
  closesAt: '24:00',
  holidays: [],
};

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A calendar with working days has a window every week; ten years of days bounds any SLA target. */
const MAX_DAYS = 3_660;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall clock of `instant` in the zone, as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** The instant the zone's wall clock shows `wall` (ms, as if UTC); in a skipped hour, the instant after it. */
function instantOf(wall: number, timeZone: string): number {
  const first = wall - (wallClock(wall, timeZone) - wall);
  const offset = wallClock(first, timeZone) - first;
  return wall - offset;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoWeekday = (dayStart: number) => ((new Date(dayStart).getUTCDay() + 6) % 7) + 1;

/** The business windows `[start, end)` (instants, ms) that end after `from`, in order. */
export function* businessWindows(calendar: BusinessCalendar, from: number): Generator<[number, number]> {
  const opens = minutesOf(calendar.opensAt) * MINUTE;
  const closes = minutesOf(calendar.closesAt) * MINUTE;
  const holidays = new Set(calendar.holidays);
  // From the local day before `from`: a window of the previous day may still be open in another offset.
  let day = Math.floor(wallClock(from, calendar.timeZone) / DAY) * DAY - DAY;
  for (let i = 0; i < MAX_DAYS; i += 1, day += DAY) {
    if (!calendar.workingDays.includes(isoWeekday(day))) continue;
    if (holidays.has(new Date(day).toISOString().slice(0, 10))) continue;
    const start = instantOf(day + opens, calendar.timeZone);
    const end = instantOf(day + closes, calendar.timeZone);
    if (end > from) yield [start, end];
  }
}

/** Business minutes between two instants. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  let total = 0;
  for (const [start, end] of businessWindows(calendar, from.getTime())) {
    if (start >= to.getTime()) break;
    total += Math.min(end, to.getTime()) - Math.max(start, from.getTime());
  }
  return total / MINUTE;
}

/** The instant `minutes` business minutes after `from` (from itself for 0 minutes). */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  let left = minutes * MINUTE;
  if (left <= 0) return from;
  for (const [start, end] of businessWindows(calendar, from.getTime())) {
    const begin = Math.max(start, from.getTime());
    if (end - begin >= left) return new Date(begin + left);
    left -= end - begin;
  }
  throw new Error(`calendar ${calendar.calendarId}: no ${minutes} business minutes in ten years`);
}
