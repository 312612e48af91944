import type { Command, Decider } from '@ejp/command-kit';
import { addDays, EXPERIENCE_COMMITTEE, isoDay, SUGGESTION_CATEGORIES, type SuggestionCategory, type SuggestionEvent } from '@ejp/contracts';
import { FeedbackError } from './errors.ts';

/**
 * The suggestion decider (`suggestion-<suggestionId>`): the open door to
 * leadership. Every suggestion gets an answer by a deadline (7 days by
 * default, per category); an overdue one is escalated to the experience
 * committee once. An anonymous one names no submitter: its follow-up token
 * is known to the submitter alone, the stream keeps only the token's hash.
 */

/** Days to the first answer, per category (all 7 unless configured otherwise). */
export const DEFAULT_RESPONSE_DAYS: Readonly<Record<SuggestionCategory, number>> = Object.freeze(
  Object.fromEntries(SUGGESTION_CATEGORIES.map((category) => [category, 7])) as Record<SuggestionCategory, number>,
);

type Id = { suggestionId: string };
export type SubmitSuggestion = Command<
  'SubmitSuggestion',
  Id & { category: SuggestionCategory; text: string; responseDays: number } & ({ submittedBy: string } | { followUpTokenHash: string; followUpToken: string })
>;
export type AcknowledgeSuggestion = Command<'AcknowledgeSuggestion', Id & { by: string }>;
export type AnswerSuggestion = Command<'AnswerSuggestion', Id & { answer: 'accepted' | 'declined' | 'planned' | 'done'; text: string; by: string }>;
/** `by`: the caller, or `anonymous` when they came with the follow-up token; `leadership`: they reply for the company. */
export type ReplyToSuggestion = Command<'ReplyToSuggestion', Id & { text: string; by: string; leadership: boolean }>;
export type EscalateSuggestion = Command<'EscalateSuggestion', Id>;
export type SuggestionCommand = SubmitSuggestion | AcknowledgeSuggestion | AnswerSuggestion | ReplyToSuggestion | EscalateSuggestion;

export interface SuggestionState {
  status: 'none' | 'open' | 'acknowledged' | 'answered';
  category: SuggestionCategory | undefined;
  submittedBy: string | undefined;
  submittedOn: string | undefined;
  answerDueBy: string | undefined;
  firstAnsweredOn: string | undefined;
  escalated: boolean;
}

const initialState = (): SuggestionState => ({
  status: 'none',
  category: undefined,
  submittedBy: undefined,
  submittedOn: undefined,
  answerDueBy: undefined,
  firstAnsweredOn: undefined,
  escalated: false,
});

function evolve(state: SuggestionState, event: SuggestionEvent): SuggestionState {
  switch (event.type) {
    case 'feedback.suggestion.submitted':
      return { ...state, status: 'open', category: event.data.category, submittedBy: event.data.submittedBy, submittedOn: event.data.submittedOn, answerDueBy: event.data.answerDueBy };
    case 'feedback.suggestion.acknowledged':
      return state.status === 'open' ? { ...state, status: 'acknowledged' } : state;
    case 'feedback.suggestion.answered':
      return { ...state, status: 'answered', firstAnsweredOn: state.firstAnsweredOn ?? event.data.answeredOn };
    case 'feedback.suggestion.replied':
      return state;
    case 'feedback.suggestion.escalated':
      return { ...state, escalated: true };
  }
}

function decide(command: SuggestionCommand, state: SuggestionState): SuggestionEvent[] {
  const { suggestionId } = command.data;
  const today = isoDay(command.metadata.now);
  if (command.type === 'SubmitSuggestion') {
    if (state.status !== 'none') throw new FeedbackError('EJP_SUGGESTION_EXISTS', `Suggestion ${suggestionId} exists.`);
    const { category, text, responseDays } = command.data;
    const who = 'submittedBy' in command.data ? { submittedBy: command.data.submittedBy } : { followUpTokenHash: command.data.followUpTokenHash };
    return [{ type: 'feedback.suggestion.submitted', data: { suggestionId, category, text, submittedOn: today, answerDueBy: addDays(today, responseDays), ...who } }];
  }
  if (state.status === 'none') throw new FeedbackError('EJP_SUGGESTION_NOT_FOUND', `No suggestion ${suggestionId}.`);
  switch (command.type) {
    case 'AcknowledgeSuggestion':
      // Once is enough; an answered suggestion needs no acknowledgement any more.
      if (state.status !== 'open') return [];
      return [{ type: 'feedback.suggestion.acknowledged', data: { acknowledgedBy: command.data.by, acknowledgedOn: today } }];
    case 'AnswerSuggestion':
      return [{ type: 'feedback.suggestion.answered', data: { answer: command.data.answer, text: command.data.text, answeredBy: command.data.by, answeredOn: today } }];
    case 'ReplyToSuggestion': {
      const { by, leadership, text } = command.data;
      const submitter = by === 'anonymous' ? state.submittedBy === undefined : by === state.submittedBy;
      if (!submitter && !leadership) throw new FeedbackError('EJP_NOT_SUGGESTION_SUBMITTER', 'Only the submitter or leadership replies on a suggestion.');
      return [{ type: 'feedback.suggestion.replied', data: { from: submitter ? 'submitter' : 'leadership', text, repliedOn: today } }];
    }
    case 'EscalateSuggestion':
      if (state.status === 'answered' || state.escalated) return [];
      if (today <= state.answerDueBy!) throw new FeedbackError('EJP_SUGGESTION_NOT_OVERDUE', `Suggestion ${suggestionId} is due by ${state.answerDueBy}.`);
      return [{ type: 'feedback.suggestion.escalated', data: { to: EXPERIENCE_COMMITTEE, answerDueBy: state.answerDueBy!, escalatedOn: today } }];
  }
}

export const suggestionDecider: Decider<SuggestionCommand, SuggestionState, SuggestionEvent> = { initialState, evolve, decide };
