import { z } from 'zod';
import { allowanceMonth, companyValueId, RECOGNITION_VISIBILITIES, SHOUT_OUT_AUDIENCES } from '../events/recognition.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

/**
 * The recognition read models, written by the projector from the givers'
 * journeys and the organisation's settings. None holds the message: it is
 * the giver's personal data, encrypted with the giver's key in the event,
 * and no read model holds personal data (erasing the giver erases it).
 * Visibility is `canSee` (recognition-visibility.ts) on the fields that
 * every document here carries for it.
 */

const isoDateTime = z.iso.datetime();
const employeeId = z.uuid();

export const recognitionAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal(SHOUT_OUT_AUDIENCES[0]), department: z.string() }),
  z.object({ kind: z.literal(SHOUT_OUT_AUDIENCES[1]), managerId: employeeId }),
]);

/** One recognition or team shout-out as readers see it. */
export const recognitionSchema = z
  .object({
    recognitionId: z.uuid(),
    kind: z.enum(['recognition', 'shout-out']),
    giverId: employeeId,
    recipientIds: z.array(employeeId).describe('The recipients of a recognition; empty for a shout-out (its audience is `audience`).'),
    audience: recognitionAudienceSchema.nullable().describe('The department or team a shout-out praises; null for a recognition.'),
    recipientManagerIds: z.array(employeeId).describe("The recipients' managers when it was given: who else sees a recipients-and-managers one."),
    departments: z.array(z.string()).describe("The recipients' departments when it was given (a shout-out: its department, or its team manager's)."),
    values: z.array(companyValueId),
    pointsPerRecipient: z.int().min(0),
    visibility: z.enum(RECOGNITION_VISIBILITIES),
    givenAt: isoDateTime,
    withdrawnAt: isoDateTime.nullable().describe('Set when the giver withdrew it: it is then in no feed, timeline or count.'),
  })
  .describe('A recognition (without its message, which is personal data of the giver)');

export const RecognitionReadModel = defineReadModel({
  collection: 'recognitions',
  schema: recognitionSchema,
  idIs: 'the recognition id',
  indexes: [['giverId', 'givenAt']],
});
export type Recognition = ReadModelDocument<typeof RecognitionReadModel>;

/**
 * The public feed's index: one small document per public recognition and
 * filter key (`all`, `value:<id>`, `department:<name>`, and the value and
 * department together), so each filter is one indexed query in either store
 * (neither store's port matches inside arrays). Never written for a
 * recognition that is not public.
 */
export const feedEntrySchema = z.object({
  key: z.string(),
  recognitionId: z.uuid(),
  givenAt: isoDateTime,
  withdrawn: z.boolean(),
});
export const RecognitionFeedReadModel = defineReadModel({
  collection: 'recognition_feed',
  schema: feedEntrySchema,
  idIs: 'the recognition id and the filter key',
  indexes: [['key', 'withdrawn', 'givenAt']],
});
export type FeedEntry = ReadModelDocument<typeof RecognitionFeedReadModel>;

/** The filter keys of a public recognition: the feed is queried by exactly one. */
export function feedKeysOf(filter: { value?: string | undefined; department?: string | undefined }): string {
  const parts = [filter.value === undefined ? [] : [`value:${filter.value}`], filter.department === undefined ? [] : [`department:${filter.department}`]].flat();
  return parts.length === 0 ? 'all' : parts.join('|');
}

/** Every key a recognition is found by. */
export function allFeedKeys(values: readonly string[], departments: readonly string[]): string[] {
  const keys = new Set<string>([feedKeysOf({})]);
  for (const value of [undefined, ...values]) for (const department of [undefined, ...departments]) keys.add(feedKeysOf({ value, department }));
  return [...keys];
}

/**
 * Counters of one employee, by day (`dYYYYMMDD`, UTC) so that any window
 * (the last 30 or 90 days) is summed at read time; fed by every giver's
 * stream with increments, and decremented by a withdrawal.
 */
const counts = z.record(z.string(), z.int());
export const recognitionSummarySchema = z.object({
  employeeId,
  receivedByDay: counts.describe('Recognitions received per UTC day (`dYYYYMMDD`).'),
  givenByDay: counts.describe('Recognitions and shout-outs given per UTC day (`dYYYYMMDD`).'),
  pointsReceived: z.int().describe('Points received: they accumulate and never expire.'),
  valuesReceived: counts.describe('Recognitions received per company value (`v_<value id with _ for ->`).'),
  spentByMonth: counts.describe('Base allowance spent per allowance month (`mYYYYMM`, in the organisation time zone).'),
  boostGranted: z.int(),
  boostSpent: z.int(),
});
export const RecognitionSummaryReadModel = defineReadModel({
  collection: 'recognition_summary',
  schema: recognitionSummarySchema.partial().required({ employeeId: true }),
  idIs: 'the employee id',
  indexes: [],
});
export type RecognitionSummary = ReadModelDocument<typeof RecognitionSummaryReadModel>;

/** Field names of the summary's maps: dotted-path segments must be identifiers. */
export const summaryKeys = {
  day: (iso: string) => `d${iso.slice(0, 10).replaceAll('-', '')}`,
  month: (month: string) => `m${month.replace('-', '')}`,
  value: (valueId: string) => `v_${valueId.replaceAll('-', '_')}`,
  valueIdOf: (key: string) => key.slice(2).replaceAll('_', '-'),
};

/** Recognitions per company value, department and month (UTC): one counter per cell. */
export const valueCellSchema = z.object({
  month: allowanceMonth.describe('UTC month the recognition was given in (YYYY-MM).'),
  department: z.string(),
  valueId: companyValueId,
  recognitions: z.int().min(0),
});
export const RecognitionValueCellReadModel = defineReadModel({
  collection: 'recognition_value_cells',
  schema: valueCellSchema,
  idIs: 'month, department and value, joined by |',
  indexes: [['month']],
});
export type ValueCell = ReadModelDocument<typeof RecognitionValueCellReadModel>;
export const valueCellId = (cell: Pick<ValueCell, 'month' | 'department' | 'valueId'>) => `${cell.month}|${cell.department}|${cell.valueId}`;

/** The organisation's recognition settings as the readers need them (the summary's allowance left). */
export const organisationSettingsSchema = z.object({
  organisationId: z.string(),
  monthlyAllowance: z.int().min(0),
  values: z.array(z.object({ valueId: companyValueId, name: z.string(), retired: z.boolean() })),
});
export const OrganisationSettingsReadModel = defineReadModel({
  collection: 'organisation_settings',
  schema: organisationSettingsSchema,
  idIs: 'the organisation id',
  indexes: [],
});
export type OrganisationSettings = ReadModelDocument<typeof OrganisationSettingsReadModel>;
