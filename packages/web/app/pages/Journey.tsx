import { useState } from 'preact/hooks';
import { formatDate, Status, useApp, useLoad } from '../context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import type { Journey, RecognitionSummary, Suggestion, Survey, Task, TimelineItem } from '../types.ts';
import { answeredSurveys, submittedSuggestions } from '../local.ts';

/** Timeline items by chapter, then by stage in the order they happened. */
export function byChapterAndStage(items: readonly TimelineItem[]): { chapter: number; stages: { stage: string; items: TimelineItem[] }[] }[] {
  const chapters: { chapter: number; stages: { stage: string; items: TimelineItem[] }[] }[] = [];
  for (const item of items) {
    let chapter = chapters.find((c) => c.chapter === item.chapter);
    if (!chapter) {
      chapter = { chapter: item.chapter, stages: [] };
      chapters.push(chapter);
    }
    let stage = chapter.stages.at(-1);
    if (stage?.stage !== item.stage) {
      stage = { stage: item.stage, items: [] };
      chapter.stages.push(stage);
    }
    stage.items.push(item);
  }
  return chapters;
}

export function JourneyPage() {
  const { t, api, session, locale } = useApp();
  const me = session.employeeId;
  const journey = useLoad(() => api<Journey>(`/employees/${me}/journey`), [me]);
  const timeline = useLoad(() => api<{ items: TimelineItem[] }>(`/employees/${me}/timeline?limit=200`), [me]);
  const stageName = (stage: string) => t(`stage.${stage}` as MessageKey);
  return (
    <section aria-labelledby="journey-title">
      <h1 id="journey-title">{t('journey.title')}</h1>
      <Status loaded={journey} />
      {journey.data && (
        <p class="lede">
          {t('journey.stage', { stage: stageName(journey.data.stage) })}
          {journey.data.onboarding && ` · ${t('journey.progress', { done: journey.data.onboarding.progress.done, total: journey.data.onboarding.progress.total })}`}
        </p>
      )}
      <div class="grid">
        {journey.data?.onboarding && (
          <>
            <TaskList title={t('journey.overdue')} tasks={journey.data.onboarding.overdueTasks} overdue />
            <TaskList title={t('journey.upcoming')} tasks={journey.data.onboarding.nextDueTasks} />
          </>
        )}
        <RecognitionReceived />
        <SurveysToAnswer />
        <MySuggestions />
      </div>
      <h2>{t('journey.timeline')}</h2>
      <Status loaded={timeline} />
      {timeline.data &&
        byChapterAndStage(timeline.data.items).map(({ chapter, stages }) => (
          <section key={chapter} class="chapter" aria-label={t('journey.chapter', { n: chapter })}>
            <h3>{t('journey.chapter', { n: chapter })}</h3>
            {stages.map(({ stage, items }) => (
              <div key={`${stage}-${items[0]!.eventId}`} class="stage">
                <h4>{stageName(stage)}</h4>
                <ol class="timeline">
                  {items.map((item) => (
                    <li key={item.eventId}>
                      <time dateTime={item.occurredAt}>{formatDate(locale, item.occurredAt)}</time> <span>{item.title}</span>
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </section>
        ))}
    </section>
  );
}

function TaskList({ title, tasks, overdue }: { title: string; tasks: Task[]; overdue?: boolean }) {
  const { t, locale } = useApp();
  return (
    <section class={`card${overdue && tasks.length > 0 ? ' overdue' : ''}`}>
      <h2>{title}</h2>
      {tasks.length === 0 ? (
        <p>{t('app.none')}</p>
      ) : (
        <ul>
          {tasks.map((task) => (
            <li key={task.id}>
              {task.title} <small>({t('journey.due', { date: formatDate(locale, `${task.dueDate}T00:00:00Z`) })})</small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecognitionReceived() {
  const { t, api, session } = useApp();
  const summary = useLoad(() => api<RecognitionSummary>(`/employees/${session.employeeId}/recognition-summary`), [session.employeeId]);
  return (
    <section class="card">
      <h2>{t('journey.recognition')}</h2>
      <Status loaded={summary} />
      {summary.data && <p>{t('journey.recognitionCounts', { n30: summary.data.received.last30Days, n90: summary.data.received.last90Days, points: summary.data.pointsBalance })}</p>}
    </section>
  );
}

function SurveysToAnswer() {
  const { t, api, directory, session } = useApp();
  const surveys = useLoad(async () => {
    const all = await Promise.all((directory?.surveyIds ?? []).map((id) => api<Survey>(`/surveys/${id}`).catch(() => null)));
    const answered = answeredSurveys(session.employeeId);
    return all.filter((s): s is Survey => s !== null && s.status === 'open' && !answered.includes(s.surveyId));
  }, [directory, session.employeeId]);
  return (
    <section class="card">
      <h2>{t('journey.surveys')}</h2>
      <Status loaded={surveys} />
      {surveys.data && surveys.data.length === 0 && <p>{t('app.none')}</p>}
      <ul>
        {surveys.data?.map((s) => (
          <li key={s.surveyId}>
            <a href={`#/survey/${s.surveyId}`}>{t('journey.answer', { title: s.title })}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function MySuggestions() {
  const { t, api, session } = useApp();
  const [token, setToken] = useState('');
  const [found, setFound] = useState<Suggestion | Error | null>(null);
  const mine = submittedSuggestions(session.employeeId);
  return (
    <section class="card">
      <h2>{t('journey.suggestions')}</h2>
      {mine.length === 0 ? <p>{t('app.none')}</p> : <ul>{mine.map((s) => <li key={s.suggestionId}>{s.text}</li>)}</ul>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          api<Suggestion>(`/suggestions/follow-up/${encodeURIComponent(token.trim())}`).then(setFound, (e: Error) => setFound(e));
        }}
      >
        <label for="follow-up">{t('journey.followUp')}</label>
        <input id="follow-up" value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} autocomplete="off" />
        <button type="submit" disabled={!token.trim()}>
          {t('journey.check')}
        </button>
      </form>
      {found instanceof Error && <p role="alert" class="error">{t('app.error', { detail: found.message })}</p>}
      {found && !(found instanceof Error) && (
        <div aria-live="polite">
          <p>{t('journey.status', { status: found.status })}</p>
          <h3>{t('journey.answers')}</h3>
          <ul>
            {(found.thread ?? []).map((entry, i) => (
              <li key={i}>
                {entry.answer ? `${entry.answer}: ` : ''}
                {entry.text ?? entry.kind}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
