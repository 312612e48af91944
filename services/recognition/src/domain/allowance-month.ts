/**
 * The allowance refreshes on the 1st in the ORGANISATION's time zone, not in
 * UTC: at 23:30 UTC on 31 March it is already 1 April in Berlin. Intl knows
 * every zone's daylight-saving rules, so the month key is computed by it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Building a formatter costs tens of microseconds; one per zone is kept.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `YYYY-MM` of `at` in `timeZone` (an IANA name such as `Europe/Berlin`). */
export function allowanceMonthOf(at: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: 'year' | 'month') => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}`;
}

/** True for a time zone Intl knows (`UTC`, `Europe/Berlin`, ...). */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}
