import { RevisionString } from '@ejp/command-kit';
import {
  AllowanceBoostGranted,
  companyValueId,
  companyValueName,
  MAX_MONTHLY_ALLOWANCE,
  MAX_WITHDRAW_WINDOW_HOURS,
  reactionComment,
  RecognitionGiven,
  TeamShoutOutGiven,
  Uuid,
} from '@ejp/contracts';
import { z } from 'zod';

/**
 * Request and response bodies, built from the event schemas of the
 * contracts wherever a field is an event's field, so the API and the events
 * cannot drift apart (and the personal-data marks reach the OpenAPI document).
 */

const given = RecognitionGiven.schema.shape;
const recognitionId = Uuid.optional().describe('A UUID you choose, or one is made (from the Idempotency-Key when given, so a retry names the same recognition).');

export const GiveBody = z
  .strictObject({
    recognitionId,
    recipientIds: given.recipientIds.describe('1 to 10 colleagues, not yourself.'),
    values: given.values.describe("Company values (ids) it is for: active values of the organisation's list."),
    message: given.message,
    pointsPerRecipient: given.pointsPerRecipient.default(0).describe('Whole points to EACH recipient, from your monthly allowance, then your boost.'),
    visibility: given.visibility.default('public').describe('public (the feed), recipients (and you), or recipients-and-managers.'),
  })
  .describe('A recognition from you (the caller) to colleagues.');

const shoutOut = TeamShoutOutGiven.schema.shape;
export const ShoutOutBody = z
  .strictObject({ recognitionId, audience: shoutOut.audience, values: shoutOut.values, message: shoutOut.message })
  .describe('Public praise of a department or of a manager’s team, without points.');

export const ReactionBody = z
  .discriminatedUnion('kind', [z.strictObject({ kind: z.literal('cheer') }), z.strictObject({ kind: z.literal('comment'), comment: reactionComment })])
  .describe('A cheer (once per recognition; again changes nothing) or a comment of at most 280 characters.');

export const BoostBody = z.strictObject({ points: AllowanceBoostGranted.schema.shape.points.describe('Extra points to give: they roll over and are spent after the monthly allowance.') });

export const AddValueBody = z.strictObject({ valueId: companyValueId.describe('Stable id, e.g. customer-obsession; never reused.'), name: companyValueName });
export const RenameValueBody = z.strictObject({ name: companyValueName });
export const AllowanceBody = z.strictObject({ monthlyPoints: z.int().min(0).max(MAX_MONTHLY_ALLOWANCE).describe('Points each employee may give per month.') });
export const WithdrawWindowBody = z.strictObject({
  hours: z.int().min(0).max(MAX_WITHDRAW_WINDOW_HOURS).describe('How long after giving a recognition may be withdrawn (0: never), for recognitions given from now on.'),
});

export const RecognitionParams = z.object({ giverId: Uuid, recognitionId: Uuid });
export { EmployeeParams } from '@ejp/service-kit';
export const ValueParams = z.object({ valueId: companyValueId });

export const SettingsView = z
  .object({
    organisationId: z.string(),
    revision: RevisionString.nullable().describe('Null while nothing was ever changed (the defaults apply).'),
    values: z.array(z.object({ valueId: z.string(), name: z.string(), retired: z.boolean() })),
    monthlyAllowance: z.int(),
    withdrawWindowHours: z.int(),
    changes: z
      .array(z.object({ type: z.string(), revision: RevisionString, occurredAt: z.string(), by: z.object({ id: z.string(), kind: z.string() }), data: z.record(z.string(), z.unknown()) }))
      .describe('Who changed what, oldest first.'),
  })
  .describe("The organisation's recognition settings and their history.");
