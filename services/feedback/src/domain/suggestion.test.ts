import { deciderSpec } from '@ejp/command-kit/testing';
import type { SuggestionEvent } from '@ejp/contracts';
import { describe, it } from 'vitest';
import { type SuggestionCommand, suggestionDecider } from './suggestion.ts';

const spec = deciderSpec(suggestionDecider);
const suggestionId = '6d1f0a3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f';
const ada = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
const on = (day: string) => ({ now: new Date(`${day}T10:00:00Z`) });
const cmd = (type: SuggestionCommand['type'], data: object, day = '2025-03-04') => ({ type, data: { suggestionId, ...data }, metadata: on(day) }) as SuggestionCommand;

const named: SuggestionEvent = { type: 'feedback.suggestion.submitted', data: { suggestionId, category: 'tools', text: 'Second monitors', submittedOn: '2025-03-04', answerDueBy: '2025-03-11', submittedBy: ada } };
const anonymous: SuggestionEvent = { type: 'feedback.suggestion.submitted', data: { suggestionId, category: 'tools', text: 'Second monitors', submittedOn: '2025-03-04', answerDueBy: '2025-03-11', followUpTokenHash: 'b'.repeat(64) } };
const answered: SuggestionEvent = { type: 'feedback.suggestion.answered', data: { answer: 'planned', text: 'Q3', answeredBy: 'hr-1', answeredOn: '2025-03-06' } };

describe('the suggestion decider', () => {
  it('submits named or anonymous, due after the category’s days', () => {
    spec.given([]).when(cmd('SubmitSuggestion', { category: 'tools', text: 'Second monitors', responseDays: 7, submittedBy: ada })).then([named]);
    spec.given([]).when(cmd('SubmitSuggestion', { category: 'tools', text: 'Second monitors', responseDays: 7, followUpTokenHash: 'b'.repeat(64), followUpToken: 'secret' })).then([anonymous]);
    spec.given([named]).when(cmd('SubmitSuggestion', { category: 'tools', text: 'x', responseDays: 7, submittedBy: ada })).thenThrows('EJP_SUGGESTION_EXISTS');
  });

  it('acknowledges once, answers, and lets the submitter (or token holder) and leadership reply', () => {
    spec.given([named]).when(cmd('AcknowledgeSuggestion', { by: 'hr-1' })).then([{ type: 'feedback.suggestion.acknowledged', data: { acknowledgedBy: 'hr-1', acknowledgedOn: '2025-03-04' } }]);
    spec.given([named, answered]).when(cmd('AcknowledgeSuggestion', { by: 'hr-1' })).then([]);
    spec.given([named]).when(cmd('ReplyToSuggestion', { text: 'Any news?', by: ada, leadership: false })).then([{ type: 'feedback.suggestion.replied', data: { from: 'submitter', text: 'Any news?', repliedOn: '2025-03-04' } }]);
    spec.given([anonymous]).when(cmd('ReplyToSuggestion', { text: 'Any news?', by: 'anonymous', leadership: false })).then([{ type: 'feedback.suggestion.replied', data: { from: 'submitter', text: 'Any news?', repliedOn: '2025-03-04' } }]);
    spec.given([named]).when(cmd('ReplyToSuggestion', { text: 'Me too', by: 'someone-else', leadership: false })).thenThrows('EJP_NOT_SUGGESTION_SUBMITTER');
    spec.given([named]).when(cmd('ReplyToSuggestion', { text: 'Looking into it', by: 'hr-1', leadership: true })).then([{ type: 'feedback.suggestion.replied', data: { from: 'leadership', text: 'Looking into it', repliedOn: '2025-03-04' } }]);
  });

  it('escalates an unanswered suggestion after its deadline, once', () => {
    spec.given([named]).when(cmd('EscalateSuggestion', {}, '2025-03-11')).thenThrows('EJP_SUGGESTION_NOT_OVERDUE');
    const escalated: SuggestionEvent = { type: 'feedback.suggestion.escalated', data: { to: 'experience-committee', answerDueBy: '2025-03-11', escalatedOn: '2025-03-12' } };
    spec.given([named]).when(cmd('EscalateSuggestion', {}, '2025-03-12')).then([escalated]);
    spec.given([named, escalated]).when(cmd('EscalateSuggestion', {}, '2025-03-13')).then([]);
    spec.given([named, answered]).when(cmd('EscalateSuggestion', {}, '2025-03-20')).then([]);
  });
});
