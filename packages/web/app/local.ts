/**
 * What this browser remembers for its person, since the API has no list of
 * them: the surveys answered here (answers are anonymous, so the API cannot
 * say) and the named suggestions submitted here. Never the follow-up token
 * of an anonymous suggestion: that is shown once and kept by the person.
 */
const ANSWERED = 'ejp.surveys.answered';
const SUGGESTIONS = 'ejp.suggestions.named';

const read = <T>(key: string): T[] => {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '[]') as T[];
  } catch {
    return [];
  }
};

export const answeredSurveys = (who: string): string[] => read<string>(`${ANSWERED}.${who}`);
export const rememberAnswered = (who: string, surveyId: string) => localStorage.setItem(`${ANSWERED}.${who}`, JSON.stringify([...answeredSurveys(who), surveyId]));

export interface SubmittedSuggestion { suggestionId: string; category: string; text: string }
export const submittedSuggestions = (who: string): SubmittedSuggestion[] => read<SubmittedSuggestion>(`${SUGGESTIONS}.${who}`);
export const rememberSuggestion = (who: string, s: SubmittedSuggestion) => localStorage.setItem(`${SUGGESTIONS}.${who}`, JSON.stringify([s, ...submittedSuggestions(who)].slice(0, 20)));
