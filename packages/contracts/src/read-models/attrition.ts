import { z } from 'zod';
import { EXIT_REASONS } from '../events/offboarding.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

/** Tenure at departure, from the chapter's start date to the departure day. */
export const TENURE_BANDS = ['under-6-months', '6-12-months', '1-2-years', '2-5-years', '5-years-plus'] as const;
export type TenureBand = (typeof TENURE_BANDS)[number];

/** A departure without an exit interview (yet) counts under this reason. */
export const NOT_INTERVIEWED = 'not-interviewed';
export const ATTRITION_REASONS = [...EXIT_REASONS, NOT_INTERVIEWED] as const;

/** The dimensions of a cell, in the order of its id. */
export const attritionDimensionsSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/).describe('The month of the departure day (YYYY-MM).'),
  primaryReason: z.enum(ATTRITION_REASONS).describe(`The exit interview's primary reason, ${NOT_INTERVIEWED} until one is recorded.`),
  department: z.string().describe('The department of the chapter that ended.'),
  tenureBand: z.enum(TENURE_BANDS),
  voluntary: z.boolean(),
  regrettable: z.boolean().describe("The manager's view at the start of the offboarding."),
});
export type AttritionDimensions = z.output<typeof attritionDimensionsSchema>;
export const ATTRITION_DIMENSIONS = Object.keys(attritionDimensionsSchema.shape) as (keyof AttritionDimensions)[];

/**
 * Counters, not people: one document per combination of dimensions that
 * someone departed in (id = the dimensions joined), with how many did. No
 * employee id is stored in the document; readers sum cells and apply the
 * minimum group size (contracts' anonymity.ts) to whatever they show below
 * company level. A cell can fall back to 0 when a late exit interview moves
 * its departure to its reason's cell: readers skip empty cells.
 */
export const attritionCellSchema = attritionDimensionsSchema.extend({
  departures: z.int().min(0),
});

export const AttritionReadModel = defineReadModel({
  collection: 'attrition',
  schema: attritionCellSchema,
  idIs: 'the dimensions joined by |',
  // Every query reads a range of months.
  indexes: [['month']],
});

export type AttritionCell = ReadModelDocument<typeof AttritionReadModel>;

export function attritionCellId(d: AttritionDimensions): string {
  return ATTRITION_DIMENSIONS.map((name) => String(d[name])).join('|');
}

/**
 * The band of a tenure from `startDate` to `departedOn` (ISO days), in whole
 * calendar months completed (10 March to 9 September is 5 months, to 10
 * September 6); a departure before the start counts as under 6 months.
 */
export function tenureBandOf(startDate: string, departedOn: string): TenureBand {
  const [y1, m1, d1] = startDate.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = departedOn.split('-').map(Number) as [number, number, number];
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  if (months < 6) return 'under-6-months';
  if (months < 12) return '6-12-months';
  if (months < 24) return '1-2-years';
  if (months < 60) return '2-5-years';
  return '5-years-plus';
}
