import { useState } from 'preact/hooks';
import { Status, useApp, useLoad } from '../context.tsx';
import { rememberAnswered } from '../local.ts';
import type { Survey, SurveyQuestion } from '../types.ts';

type Answer = { questionId: string; value: number } | { questionId: string; text: string };

const choices = (q: SurveyQuestion) => (q.scale === 'zero-to-ten' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5]);

/**
 * One fieldset per question. On a narrow screen only the current one shows
 * (CSS), with Back and Next; on a wide one all show and the buttons hide.
 * Free text is optional; every scale question must be answered.
 */
export function SurveyPage({ surveyId }: { surveyId: string }) {
  const { t, api, session } = useApp();
  const survey = useLoad(() => api<Survey>(`/surveys/${surveyId}`), [surveyId]);
  const [values, setValues] = useState<Record<string, number | string>>({});
  const [step, setStep] = useState(0);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  if (!survey.data) return <Status loaded={survey} />;
  const { questions, title, status } = survey.data;
  if (status !== 'open') return <p>{t('survey.closed')}</p>;
  if (outcome?.ok) return <p role="status" class="ok">{outcome.text}</p>;

  const firstMissing = questions.findIndex((q) => q.scale !== 'free-text' && values[q.questionId] === undefined);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (firstMissing >= 0) {
      setStep(firstMissing);
      setOutcome({ ok: false, text: t('survey.required', { n: firstMissing + 1 }) });
      return;
    }
    const answers: Answer[] = questions.flatMap((q): Answer[] => {
      const v = values[q.questionId];
      if (v === undefined || v === '') return [];
      return [typeof v === 'number' ? { questionId: q.questionId, value: v } : { questionId: q.questionId, text: v }];
    });
    try {
      await api(`/surveys/${surveyId}/responses`, { method: 'POST', body: { answers } });
      rememberAnswered(session.employeeId, surveyId);
      setOutcome({ ok: true, text: t('survey.thanks') });
    } catch (error) {
      setOutcome({ ok: false, text: t('app.error', { detail: (error as Error).message }) });
    }
  };

  return (
    <section aria-labelledby="survey-title">
      <h1 id="survey-title">{title}</h1>
      <form onSubmit={submit} class="survey">
        {questions.map((q, i) => (
          <fieldset key={q.questionId} class={i === step ? 'question current' : 'question'} aria-describedby={`step-${q.questionId}`}>
            <legend>{q.text}</legend>
            <p id={`step-${q.questionId}`} class="step">
              {t('survey.step', { n: i + 1, total: questions.length })}
            </p>
            {q.scale === 'free-text' ? (
              <textarea aria-label={q.text} maxLength={2000} value={String(values[q.questionId] ?? '')} onInput={(e) => setValues({ ...values, [q.questionId]: (e.target as HTMLTextAreaElement).value })} />
            ) : (
              <div class="scale">
                <span class="end" aria-hidden="true">
                  {q.scale === 'zero-to-ten' ? t('survey.unlikely') : t('survey.disagree')}
                </span>
                {choices(q).map((n) => (
                  <label key={n} class="choice">
                    <input type="radio" name={q.questionId} value={n} checked={values[q.questionId] === n} onChange={() => setValues({ ...values, [q.questionId]: n })} />
                    <span>{n}</span>
                  </label>
                ))}
                <span class="end" aria-hidden="true">
                  {q.scale === 'zero-to-ten' ? t('survey.likely') : t('survey.agree')}
                </span>
              </div>
            )}
            <div class="stepper">
              {i > 0 && (
                <button type="button" onClick={() => setStep(i - 1)}>
                  {t('survey.back')}
                </button>
              )}
              {i < questions.length - 1 && (
                <button type="button" onClick={() => setStep(i + 1)}>
                  {t('survey.next')}
                </button>
              )}
            </div>
          </fieldset>
        ))}
        <button type="submit" class="primary">
          {t('survey.submit')}
        </button>
        {outcome && !outcome.ok && (
          <p role="alert" class="error">
            {outcome.text}
          </p>
        )}
      </form>
    </section>
  );
}
