import { z } from 'zod';

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

/**
 * The organisation's variables, for every service that needs them (the
 * recognition service decides on them, the journey API answers the
 * allowance left this month by them): one declaration.
 */
export const organisationConfigShape = {
  ORG_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .describe("The organisation's time zone (IANA, e.g. `Europe/Berlin`): recognition allowances refresh on the 1st there."),
  ORG_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens')
    .default('default')
    .describe('The organisation whose settings (`organisation-<ORG_ID>` stream: company values, allowance, withdraw window) apply.'),
};
