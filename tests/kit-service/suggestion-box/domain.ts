import { type Command, type Decider, DomainError } from '@ejp/command-kit';
import { addDays, isoDay } from '@ejp/contracts';
import type { SuggestionBoxEvent } from '../contracts/suggestion-box.ts';

/**
 * The suggestion box's domain module: commands, state, decide, evolve and
 * the errors the rules throw. Pure functions, no I/O: the clock is the
 * command's `metadata.now`, so a decision can be replayed and tested at any
 * instant. Every piece of feedback gets an answer: each suggestion is due
 * `responseDays` after it was dropped, and the box cannot close while one waits.
 */

// ── commands ────────────────────────────────────────────────────────────────

export type OpenBox = Command<'OpenBox', { boxId: string; title: string; ownerId: string; responseDays: number }>;
export type DropSuggestion = Command<'DropSuggestion', { boxId: string; suggestionId: string; text: string }>;
export type AnswerSuggestion = Command<'AnswerSuggestion', { boxId: string; suggestionId: string; answer: string; answeredBy: string }>;
export type CloseBox = Command<'CloseBox', { boxId: string; closedBy: string }>;
export type BoxCommand = OpenBox | DropSuggestion | AnswerSuggestion | CloseBox;

// ── errors: a stable code each; routes.ts gives each its HTTP status ────────

export const BOX_ERROR_CODES = [
  'EJP_BOX_EXISTS',
  'EJP_BOX_NOT_FOUND',
  'EJP_BOX_CLOSED',
  'EJP_NOT_BOX_OWNER',
  'EJP_SUGGESTION_EXISTS',
  'EJP_SUGGESTION_NOT_FOUND',
  'EJP_SUGGESTION_ANSWERED',
  'EJP_SUGGESTIONS_UNANSWERED',
] as const;
export type BoxErrorCode = (typeof BOX_ERROR_CODES)[number];

export class BoxError extends DomainError<BoxErrorCode> {
  override name = 'BoxError';
}

// ── state and evolve ────────────────────────────────────────────────────────

export interface BoxState {
  status: 'none' | 'open' | 'closed';
  ownerId: string;
  responseDays: number;
  /** The due date of every suggestion still waiting for its answer, by suggestion id. */
  waiting: Readonly<Record<string, string>>;
  answered: readonly string[];
}

const initialState = (): BoxState => ({ status: 'none', ownerId: '', responseDays: 0, waiting: {}, answered: [] });

function evolve(state: BoxState, event: SuggestionBoxEvent): BoxState {
  switch (event.type) {
    case 'test.box.opened':
      return { ...state, status: 'open', ownerId: event.data.ownerId, responseDays: event.data.responseDays };
    case 'test.box.suggestion-dropped':
      return { ...state, waiting: { ...state.waiting, [event.data.suggestionId]: event.data.answerDueBy } };
    case 'test.box.suggestion-answered': {
      const { [event.data.suggestionId]: _, ...waiting } = state.waiting;
      return { ...state, waiting, answered: [...state.answered, event.data.suggestionId] };
    }
    case 'test.box.closed':
      return { ...state, status: 'closed' };
  }
}

// ── decide ──────────────────────────────────────────────────────────────────

function decide(command: BoxCommand, state: BoxState): SuggestionBoxEvent[] {
  const { boxId } = command.data;
  if (command.type === 'OpenBox') {
    if (state.status !== 'none') throw new BoxError('EJP_BOX_EXISTS', `Box ${boxId} exists.`);
    return [{ type: 'test.box.opened', data: command.data }];
  }
  if (state.status === 'none') throw new BoxError('EJP_BOX_NOT_FOUND', `No box ${boxId} was opened.`);
  const today = isoDay(command.metadata.now);
  switch (command.type) {
    case 'DropSuggestion': {
      const { suggestionId, text } = command.data;
      if (state.status === 'closed') throw new BoxError('EJP_BOX_CLOSED', `Box ${boxId} is closed.`);
      if (suggestionId in state.waiting || state.answered.includes(suggestionId)) {
        throw new BoxError('EJP_SUGGESTION_EXISTS', `Suggestion ${suggestionId} is in the box already.`);
      }
      return [{ type: 'test.box.suggestion-dropped', data: { suggestionId, text, answerDueBy: addDays(today, state.responseDays) } }];
    }
    case 'AnswerSuggestion': {
      const { suggestionId, answer, answeredBy } = command.data;
      requireOwner(state, answeredBy, 'answers');
      const due = state.waiting[suggestionId];
      if (due === undefined) {
        if (state.answered.includes(suggestionId)) throw new BoxError('EJP_SUGGESTION_ANSWERED', `Suggestion ${suggestionId} has its answer.`);
        throw new BoxError('EJP_SUGGESTION_NOT_FOUND', `No suggestion ${suggestionId} in box ${boxId}.`);
      }
      return [{ type: 'test.box.suggestion-answered', data: { suggestionId, answer, late: today > due } }];
    }
    case 'CloseBox': {
      requireOwner(state, command.data.closedBy, 'closes');
      // Closing a closed box changes nothing: an empty decision, not an error.
      if (state.status === 'closed') return [];
      const unanswered = Object.keys(state.waiting);
      if (unanswered.length > 0) {
        throw new BoxError('EJP_SUGGESTIONS_UNANSWERED', `${unanswered.length} suggestion(s) wait for an answer.`, { unanswered });
      }
      return [{ type: 'test.box.closed', data: {} }];
    }
  }
}

function requireOwner(state: BoxState, caller: string, what: string): void {
  if (caller !== state.ownerId) throw new BoxError('EJP_NOT_BOX_OWNER', `Only the box's owner ${what} it.`);
}

export const boxDecider: Decider<BoxCommand, BoxState, SuggestionBoxEvent> = { initialState, evolve, decide };
