import { z } from 'zod';

/**
 * The canonical forms of the values every API takes: one schema each, used by
 * the event schemas (and so by every body derived from them) and the shared
 * path parameters, so no route can accept a second spelling of the same thing.
 */

/**
 * A UUID in its canonical lower-case form: `5F0E…` and `5f0e…` name the same
 * employee (RFC 9562 says UUIDs compare case-insensitively), so an upper-case
 * one is lower-cased on the way in instead of opening a second journey stream.
 */
export const Uuid = z.uuid().toLowerCase();

export const EARLIEST_DATE = '1970-01-01';
export const LATEST_DATE = '2200-12-31';

/**
 * A calendar day (YYYY-MM-DD) between 1970 and 2200. Further out is a typo,
 * not a plan, and day arithmetic on it (due dates from a start date) would
 * leave the four-digit years the rest of the platform reads (a 500 on every
 * read of that journey). ISO days compare as strings.
 */
export const CalendarDate = z.iso
  .date()
  .refine((day) => day >= EARLIEST_DATE && day <= LATEST_DATE, `must be a date between ${EARLIEST_DATE} and ${LATEST_DATE}`);
