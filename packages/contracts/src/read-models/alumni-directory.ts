import { z } from 'zod';
import { ALUMNI_CONTACT_PREFERENCES } from '../events/offboarding.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime();

/**
 * One document per employee who ever departed (id = employee id); the
 * directory lists those with `listed`: enrolled with consent, not withdrawn,
 * not rehired since. Names and contact details are personal data and never
 * here: the directory shows the channel the alumnus chose (email or phone),
 * and whoever contacts them resolves the employee id through the HR system,
 * where erasure and consent are enforced once.
 */
export const alumnusSchema = z.object({
  employeeId: z.string().min(1),
  listed: z.boolean().describe('In the directory: enrolled with consent, consent not withdrawn, not rehired since.'),
  chapter: z.int().min(0).describe('The chapter whose departure made them an alumnus.'),
  department: z.string().nullable().describe('The department they left.'),
  role: z.string().nullable().describe('The role they left.'),
  departedOn: isoDate.nullable(),
  enrolledAt: isoDateTime.nullable(),
  contactPreference: z.enum(ALUMNI_CONTACT_PREFERENCES).nullable().describe('The channel they consented to; the address itself is personal data.'),
  rehireEligible: z.boolean().nullable().describe("HR's decision in this chapter; null while none was made. Its reason is personal data."),
  referrals: z.int().min(0).describe('Referrals made as an alumnus, over every chapter.'),
  erasedAt: isoDateTime.nullable().optional().describe('The redaction marker: when the personal data was erased (right to erasure). Personal fields were never here; absent or null while not erased.'),
  lastAppliedRevision: z.int().min(-1),
  updatedAt: z.string(),
});

export const AlumniDirectoryReadModel = defineReadModel({
  collection: 'alumni',
  schema: alumnusSchema,
  idIs: 'the employee id',
  // The directory pages through listed alumni, latest departures first.
  indexes: [['listed', 'departedOn']],
});

export type Alumnus = ReadModelDocument<typeof AlumniDirectoryReadModel>;
