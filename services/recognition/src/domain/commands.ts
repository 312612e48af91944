import type { Command } from '@ejp/command-kit';
import type { EmploymentStatus, EventData, RecognitionVisibility, TeamShoutOutGiven } from '@ejp/contracts';
import type { Given } from './giving-state.ts';
import type { SettingsState } from './settings.ts';

/**
 * Commands of the recognition deciders. A rule that needs facts from OTHER
 * streams (the organisation's settings, whether colleagues are still
 * employed, the recognition a reaction is about) gets them in `data.facts`,
 * loaded by the route before deciding (src/http/facts.ts): `decide` stays
 * pure, and only the command's own stream is guarded by its revision.
 */

/** Who asks, as the token says: the settings and boosts are the admin's. */
export interface Caller {
  id: string;
  roles: readonly string[];
}

/** Employment of every employee a command names (giver, recipients...), by id: contracts' `employmentStatus` of their journey. */
export type EmploymentFacts = Record<string, EmploymentStatus>;

export interface GivingFacts {
  settings: SettingsState;
  employment: EmploymentFacts;
}

export type Audience = EventData<typeof TeamShoutOutGiven>['audience'];

// ── The giver's stream (journey-<giverId>) ──────────────────────────────────

export type GiveRecognition = Command<
  'GiveRecognition',
  {
    giverId: string;
    recognitionId: string;
    recipientIds: string[];
    values: string[];
    message: string;
    /** Whole points to each recipient; 0 for a thank-you without points. */
    pointsPerRecipient: number;
    visibility: RecognitionVisibility;
    facts: GivingFacts;
  }
>;

export type GiveShoutOut = Command<
  'GiveShoutOut',
  { giverId: string; recognitionId: string; audience: Audience; values: string[]; message: string; facts: GivingFacts }
>;

export type WithdrawRecognition = Command<'WithdrawRecognition', { giverId: string; recognitionId: string; withdrawnBy: Caller }>;

export type GrantAllowanceBoost = Command<
  'GrantAllowanceBoost',
  { employeeId: string; boostId: string; points: number; grantedBy: Caller; facts: { employment: EmploymentFacts } }
>;

export type GivingCommand = GiveRecognition | GiveShoutOut | WithdrawRecognition | GrantAllowanceBoost;

// ── The reactor's stream (journey-<reactorId>) ──────────────────────────────

export type Reaction = { kind: 'cheer' } | { kind: 'comment'; comment: string };

export type AddReaction = Command<
  'AddReaction',
  {
    reactorId: string;
    giverId: string;
    recognitionId: string;
    reactionId: string;
    reaction: Reaction;
    facts: {
      employment: EmploymentFacts;
      /** The recognition as the giver's stream has it; null when it was never given. */
      recognition: Given | null;
      /** The recipients the reactor manages (the visibility "recipients and their managers" lets them see it). */
      managedRecipientIds: string[];
    };
  }
>;

// ── The organisation's settings (organisation-<orgId>) ──────────────────────

type SettingsCommand<T extends string, D> = Command<T, D & { organisationId: string; changedBy: Caller }>;

export type AddCompanyValue = SettingsCommand<'AddCompanyValue', { valueId: string; name: string }>;
export type RenameCompanyValue = SettingsCommand<'RenameCompanyValue', { valueId: string; name: string }>;
export type RetireCompanyValue = SettingsCommand<'RetireCompanyValue', { valueId: string }>;
export type SetRecognitionAllowance = SettingsCommand<'SetRecognitionAllowance', { monthlyPoints: number }>;
export type SetWithdrawWindow = SettingsCommand<'SetWithdrawWindow', { hours: number }>;

export type OrganisationSettingsCommand = AddCompanyValue | RenameCompanyValue | RetireCompanyValue | SetRecognitionAllowance | SetWithdrawWindow;
