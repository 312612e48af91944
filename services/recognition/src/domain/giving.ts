import type { Decider } from '@ejp/command-kit';
import { entryOf, type GivingEvent, MAX_RECIPIENTS } from '@ejp/contracts';
import { allowanceMonthOf } from '@ejp/contracts';
import type { EmploymentFacts, GiveRecognition, GiveShoutOut, GivingCommand, GivingFacts, GrantAllowanceBoost, WithdrawRecognition } from './commands.ts';
import { RecognitionError } from './errors.ts';
import { evolveGiving, type GivingState, initialGivingState, type PointsSplit } from './giving-state.ts';
import { activeValueIds, requireAdmin } from './settings.ts';

/**
 * The giver's decider, on `journey-<giverId>`: every command that spends or
 * returns allowance is decided here, on the giver's own stream, so the
 * expected revision makes "never overspent" hold under any concurrency.
 *
 * The allowance: `monthlyAllowance` points per month in the organisation's
 * time zone; what is unspent at the end of the month is gone. Boosts add to a
 * balance that rolls over and is spent only once the month's base allowance
 * is used up. A withdrawal returns the points to the month and the boost they
 * came from (to a past month, that is: they expired with it).
 */
export interface GivingDeciderOptions {
  /** ORG_TIMEZONE: the allowance refreshes on the 1st there. */
  timeZone: string;
}

export function createGivingDecider(options: GivingDeciderOptions): Decider<GivingCommand, GivingState, GivingEvent> {
  const decide = (command: GivingCommand, state: GivingState): GivingEvent[] => {
    switch (command.type) {
      case 'GiveRecognition':
        return giveRecognition(command, state, options.timeZone);
      case 'GiveShoutOut':
        return giveShoutOut(command, state);
      case 'WithdrawRecognition':
        return withdraw(command, state);
      case 'GrantAllowanceBoost':
        return grantBoost(command);
    }
  };
  return { initialState: initialGivingState, evolve: evolveGiving, decide };
}

/** The base allowance left in `month`, and the boost balance. */
export function allowanceLeft(state: GivingState, monthlyAllowance: number, month: string): { allowance: number; boost: number } {
  return { allowance: Math.max(0, monthlyAllowance - (state.spentByMonth[month] ?? 0)), boost: state.boostBalance };
}

function giveRecognition(command: GiveRecognition, state: GivingState, timeZone: string): GivingEvent[] {
  const { giverId, recognitionId, recipientIds, values, message, pointsPerRecipient, visibility, facts } = command.data;
  if (recipientIds.length < 1 || recipientIds.length > MAX_RECIPIENTS || new Set(recipientIds).size !== recipientIds.length) {
    throw new RecognitionError('EJP_INVALID_RECIPIENTS', `Name 1 to ${MAX_RECIPIENTS} different recipients.`, { recipients: recipientIds.length });
  }
  if (recipientIds.includes(giverId)) throw new RecognitionError('EJP_SELF_RECOGNITION', 'You cannot recognise yourself.');
  if (!Number.isInteger(pointsPerRecipient) || pointsPerRecipient < 0) {
    throw new RecognitionError('EJP_INVALID_POINTS', 'Points are whole and not negative.', { pointsPerRecipient });
  }
  requireGivable(command, state, facts, [giverId, ...recipientIds]);

  const month = allowanceMonthOf(command.metadata.now, timeZone);
  const requested = pointsPerRecipient * recipientIds.length;
  const left = allowanceLeft(state, facts.settings.monthlyAllowance, month);
  if (requested > left.allowance + left.boost) {
    throw new RecognitionError('EJP_ALLOWANCE_EXCEEDED', `${requested} points asked, ${left.allowance + left.boost} left to give in ${month}.`, {
      month,
      requested,
      allowanceLeft: left.allowance,
      boostLeft: left.boost,
    });
  }
  const fromAllowance = Math.min(requested, left.allowance);
  const funding: PointsSplit = { month, allowance: fromAllowance, boost: requested - fromAllowance };
  return [
    {
      type: 'journey.recognition.given',
      data: { recognitionId, recipientIds, values, message, pointsPerRecipient, visibility, funding, withdrawableUntil: withdrawableUntil(command, facts) },
    },
  ];
}

function giveShoutOut(command: GiveShoutOut, state: GivingState): GivingEvent[] {
  const { giverId, recognitionId, audience, values, message, facts } = command.data;
  requireGivable(command, state, facts, [giverId, ...(audience.kind === 'team' ? [audience.managerId] : [])]);
  return [{ type: 'journey.shout-out.given', data: { recognitionId, audience, values, message, withdrawableUntil: withdrawableUntil(command, facts) } }];
}

/** The rules a recognition and a shout-out share: a new id, active values, everyone named still employed. */
function requireGivable(command: GiveRecognition | GiveShoutOut, state: GivingState, facts: GivingFacts, employees: string[]): void {
  const { recognitionId, values } = command.data;
  if (state.given[recognitionId]) throw new RecognitionError('EJP_RECOGNITION_EXISTS', `Recognition ${recognitionId} was given already.`);
  const active = new Set(activeValueIds(facts.settings));
  const unknown = values.filter((value) => !active.has(value));
  if (values.length === 0 || unknown.length > 0) {
    throw new RecognitionError('EJP_UNKNOWN_COMPANY_VALUE', values.length === 0 ? 'Tag at least one company value.' : `Not an active company value: ${unknown.join(', ')}.`, {
      unknown,
      retired: unknown.filter((value) => entryOf(facts.settings.values, value)?.retired),
      active: [...active],
    });
  }
  requireActive(facts.employment, employees);
}

export function requireActive(employment: EmploymentFacts, employees: readonly string[]): void {
  const inactive = Object.fromEntries(employees.filter((id) => employment[id] !== 'active').map((id) => [id, employment[id] ?? 'not-hired']));
  if (Object.keys(inactive).length === 0) return;
  // When everyone refused has left, say so with the one code every journey service uses for that.
  if (Object.values(inactive).every((status) => status === 'departed')) {
    throw new RecognitionError('EJP_EMPLOYEE_DEPARTED', `Has left: ${Object.keys(inactive).join(', ')}.`, { employees: inactive });
  }
  throw new RecognitionError('EJP_EMPLOYEE_NOT_ACTIVE', `Not hired or no longer here: ${Object.keys(inactive).join(', ')}.`, { employees: inactive });
}

function withdrawableUntil(command: GiveRecognition | GiveShoutOut, facts: GivingFacts): string {
  return new Date(command.metadata.now.getTime() + facts.settings.withdrawWindowHours * 3_600_000).toISOString();
}

function withdraw(command: WithdrawRecognition, state: GivingState): GivingEvent[] {
  const { giverId, recognitionId, withdrawnBy } = command.data;
  if (withdrawnBy.id !== giverId) throw new RecognitionError('EJP_NOT_GIVER', 'Only the giver may withdraw a recognition.');
  const given = state.given[recognitionId];
  if (!given) throw new RecognitionError('EJP_RECOGNITION_NOT_FOUND', `You gave no recognition ${recognitionId}.`);
  if (given.withdrawn) throw new RecognitionError('EJP_ALREADY_WITHDRAWN', `Recognition ${recognitionId} is withdrawn already.`);
  // The window includes its last instant.
  if (command.metadata.now.getTime() > Date.parse(given.withdrawableUntil)) {
    throw new RecognitionError('EJP_WITHDRAW_WINDOW_CLOSED', `Recognition ${recognitionId} could be withdrawn until ${given.withdrawableUntil}.`, {
      withdrawableUntil: given.withdrawableUntil,
    });
  }
  return [{ type: 'journey.recognition.withdrawn', data: { recognitionId, returned: given.funding } }];
}

function grantBoost(command: GrantAllowanceBoost): GivingEvent[] {
  const { employeeId, boostId, points, grantedBy, facts } = command.data;
  requireAdmin(grantedBy, 'grant an allowance boost');
  if (!Number.isInteger(points) || points < 1) throw new RecognitionError('EJP_INVALID_POINTS', 'A boost is a whole number of points, at least 1.', { points });
  requireActive(facts.employment, [employeeId]);
  return [{ type: 'journey.allowance.boost-granted', data: { boostId, points } }];
}
