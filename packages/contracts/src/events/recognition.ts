import { z } from 'zod';
import { Uuid } from '../canonical.ts';
import { defineEvent, type EventOf } from '../define-event.ts';
import { personal } from '../personal-data.ts';

/**
 * The recognition slice. Where each event lives, and why:
 *
 * - Gives, team shout-outs, withdrawals and allowance boosts are in the
 *   GIVER's `journey-<giverId>` stream: the monthly allowance is an invariant
 *   of the giver, so everything that spends or refunds it is in one stream,
 *   guarded by its expected revision. The message is the giver's personal
 *   data, encrypted with the giver's key. Recipients never get a second
 *   append: their timelines learn of it by a fan-out projection.
 * - A reaction is in the REACTOR's `journey-<reactorId>` stream: a comment is
 *   the reactor's personal data (erased with the reactor's key), "one cheer
 *   per recognition" is the reactor's rule, and a cheer must not contend with
 *   the giver's gives for the giver's stream revision.
 * - Organisation settings (company values, allowance size, withdraw window)
 *   are in `organisation-<orgId>` (streams.ts), which holds no personal data.
 *   Who changed what is the envelope's actor; the data says what changed.
 *
 * As in onboarding, the stream's employee (giver, reactor) is not repeated
 * in the data.
 */

const SOURCE = 'recognition';
const employeeId = Uuid;

export const RECOGNITION_VISIBILITIES = ['public', 'recipients', 'recipients-and-managers'] as const;
export const MAX_RECIPIENTS = 10;
export const MAX_MESSAGE_LENGTH = 1_000;
export const MAX_COMMENT_LENGTH = 280;

/** A company value's id: a stable slug. Renaming changes its name, never its id, so old recognitions keep pointing at it. */
export const companyValueId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens, e.g. customer-obsession')
  .max(60);

/** The allowance month, `YYYY-MM` in the organisation's time zone (ORG_TIMEZONE). */
export const allowanceMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

const valueTags = z.array(companyValueId).min(1).max(5).refine(unique, { message: 'value tags must be unique' });
/** The giver's words: personal data of the giver (their stream's key encrypts it). */
export const recognitionMessage = personal(z.string().trim().min(1).max(MAX_MESSAGE_LENGTH));
const points = z.int().min(0);

/** Points drawn from (or returned to) the giver's base allowance of one month and the boost balance. */
export const pointsSplit = z.strictObject({ month: allowanceMonth, allowance: points, boost: points });

// ── Given by the giver (journey-<giverId>) ──────────────────────────────────

export const RecognitionGiven = defineEvent({
  type: 'journey.recognition.given',
  version: 1,
  schema: z
    .strictObject({
      recognitionId: Uuid,
      recipientIds: z.array(employeeId).min(1).max(MAX_RECIPIENTS).refine(unique, { message: 'recipients must be unique' }),
      values: valueTags,
      message: recognitionMessage,
      /** Whole points to EACH recipient (0: a thank-you without points). */
      pointsPerRecipient: points,
      visibility: z.enum(RECOGNITION_VISIBILITIES),
      /** Where the points came from: base allowance first, then the boost balance. */
      funding: pointsSplit,
      /** Decided at the give from the withdraw window then in force: a later change of the window does not move it. */
      withdrawableUntil: z.iso.datetime(),
    })
    .refine((d) => d.funding.allowance + d.funding.boost === d.pointsPerRecipient * d.recipientIds.length, {
      message: 'funding must add up to pointsPerRecipient times the number of recipients',
      path: ['funding'],
    }),
  title: 'Recognition given',
  description: "A colleague thanked 1 to 10 others for living company values, spending points of the giver's monthly allowance.",
  source: SOURCE,
});

export const SHOUT_OUT_AUDIENCES = ['department', 'team'] as const;

export const TeamShoutOutGiven = defineEvent({
  type: 'journey.shout-out.given',
  version: 1,
  schema: z.strictObject({
    recognitionId: Uuid,
    /** A department (by its name on the hire), or a team: a manager's direct reports. One event; every member's timeline shows it by projection. */
    audience: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('department'), department: z.string().min(1).max(200) }),
      z.strictObject({ kind: z.literal('team'), managerId: employeeId }),
    ]),
    values: valueTags,
    message: recognitionMessage,
    withdrawableUntil: z.iso.datetime(),
  }),
  title: 'Team shout-out given',
  description: 'Public praise of a whole department or team, without points.',
  source: SOURCE,
});

export const RecognitionWithdrawn = defineEvent({
  type: 'journey.recognition.withdrawn',
  version: 1,
  schema: z.strictObject({
    recognitionId: Uuid,
    /** Back to the month and the boost they came from; null for a shout-out (no points). */
    returned: pointsSplit.nullable(),
  }),
  title: 'Recognition withdrawn',
  description: 'The giver took a recognition or shout-out back within the withdraw window; it leaves every feed, its history stays here.',
  source: SOURCE,
});

export const AllowanceBoostGranted = defineEvent({
  type: 'journey.allowance.boost-granted',
  version: 1,
  schema: z.strictObject({ boostId: Uuid, points: z.int().min(1).max(100_000) }),
  title: 'Allowance boost granted',
  description: 'An admin gave the employee extra points to give: one-time, rolls over, spent after the monthly allowance.',
  audit: { action: 'allowance-boost' },
  source: SOURCE,
});

// ── Reactions (journey-<reactorId>) ─────────────────────────────────────────

const reactionTarget = { reactionId: Uuid, recognitionId: Uuid, giverId: employeeId };
/** The reactor's words: personal data of the reactor. */
export const reactionComment = personal(z.string().trim().min(1).max(MAX_COMMENT_LENGTH));

export const ReactionAdded = defineEvent({
  type: 'journey.recognition.reaction-added',
  version: 1,
  schema: z.discriminatedUnion('kind', [
    z.strictObject({ ...reactionTarget, kind: z.literal('cheer') }),
    z.strictObject({ ...reactionTarget, kind: z.literal('comment'), comment: reactionComment }),
  ]),
  title: 'Reaction to a recognition added',
  source: SOURCE,
});

// ── Organisation settings (organisation-<orgId>) ────────────────────────────

export const companyValueName = z.string().trim().min(1).max(100);

export const CompanyValueAdded = defineEvent({
  type: 'organisation.company-value.added',
  version: 1,
  schema: z.strictObject({ valueId: companyValueId, name: companyValueName }),
  title: 'Company value added',
  audit: { action: 'settings-change' },
  source: SOURCE,
});

export const CompanyValueRenamed = defineEvent({
  type: 'organisation.company-value.renamed',
  version: 1,
  schema: z
    .strictObject({ valueId: companyValueId, from: companyValueName, to: companyValueName })
    .refine((d) => d.from !== d.to, { message: 'the new name must differ from the old one', path: ['to'] }),
  title: 'Company value renamed',
  audit: { action: 'settings-change' },
  source: SOURCE,
});

export const CompanyValueRetired = defineEvent({
  type: 'organisation.company-value.retired',
  version: 1,
  schema: z.strictObject({ valueId: companyValueId }),
  title: 'Company value retired',
  description: 'No new recognition may use it; recognitions that did keep it.',
  audit: { action: 'settings-change' },
  source: SOURCE,
});

export const MAX_MONTHLY_ALLOWANCE = 100_000;
/** Until an admin sets another: points per month, and hours a give may be withdrawn in. */
export const DEFAULT_MONTHLY_ALLOWANCE = 100;
export const DEFAULT_WITHDRAW_WINDOW_HOURS = 24;
export const MAX_WITHDRAW_WINDOW_HOURS = 720;

export const RecognitionAllowanceSet = defineEvent({
  type: 'organisation.recognition-allowance.set',
  version: 1,
  schema: z
    .strictObject({ from: z.int().min(0).max(MAX_MONTHLY_ALLOWANCE), to: z.int().min(0).max(MAX_MONTHLY_ALLOWANCE) })
    .refine((d) => d.from !== d.to, { message: 'the new allowance must differ from the old one', path: ['to'] }),
  title: 'Monthly recognition allowance set',
  description: 'Points each employee may give per month, from the next give on.',
  audit: { action: 'settings-change' },
  source: SOURCE,
});

export const WithdrawWindowSet = defineEvent({
  type: 'organisation.recognition-withdraw-window.set',
  version: 1,
  schema: z
    .strictObject({ fromHours: z.int().min(0).max(MAX_WITHDRAW_WINDOW_HOURS), toHours: z.int().min(0).max(MAX_WITHDRAW_WINDOW_HOURS) })
    .refine((d) => d.fromHours !== d.toHours, { message: 'the new window must differ from the old one', path: ['toHours'] }),
  title: 'Recognition withdraw window set',
  description: 'How long a giver may withdraw a recognition, for recognitions given from now on.',
  audit: { action: 'settings-change' },
  source: SOURCE,
});

// ── Groups ──────────────────────────────────────────────────────────────────

/** The giver's stream: what spends and refunds the allowance. */
export const givingEvents = [RecognitionGiven, TeamShoutOutGiven, RecognitionWithdrawn, AllowanceBoostGranted] as const;
export const reactionEvents = [ReactionAdded] as const;
export const organisationSettingsEvents = [CompanyValueAdded, CompanyValueRenamed, CompanyValueRetired, RecognitionAllowanceSet, WithdrawWindowSet] as const;
export const recognitionEvents = [...givingEvents, ...reactionEvents, ...organisationSettingsEvents] as const;

export type GivingEvent = EventOf<(typeof givingEvents)[number]>;
export type ReactionEvent = EventOf<(typeof reactionEvents)[number]>;
export type OrganisationSettingsEvent = EventOf<(typeof organisationSettingsEvents)[number]>;
export type RecognitionEvent = EventOf<(typeof recognitionEvents)[number]>;
export type RecognitionVisibility = (typeof RECOGNITION_VISIBILITIES)[number];
