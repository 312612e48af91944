import { useState } from 'preact/hooks';
import { ApiProblem } from '../api.ts';
import { formatDate, nameOf, Status, useApp, useLoad } from '../context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import type { Recognition, RecognitionSummary, Settings } from '../types.ts';

const VISIBILITIES = ['public', 'recipients', 'recipients-and-managers'] as const;

export function RecognitionPage() {
  const { t } = useApp();
  const [given, setGiven] = useState(0);
  return (
    <section aria-labelledby="recognition-title">
      <h1 id="recognition-title">{t('recognition.title')}</h1>
      <GiveForm onGiven={() => setGiven((n) => n + 1)} />
      <Feed round={given} />
    </section>
  );
}

function GiveForm({ onGiven }: { onGiven: () => void }) {
  const { t, api, session, directory } = useApp();
  const settings = useLoad(() => api<Settings>('/organisation/settings'), []);
  const summary = useLoad(() => api<RecognitionSummary>(`/employees/${session.employeeId}/recognition-summary`), [session.employeeId]);
  const [recipient, setRecipient] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [points, setPoints] = useState(0);
  const [visibility, setVisibility] = useState<(typeof VISIBILITIES)[number]>('public');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const colleagues = (directory?.people ?? []).filter((p) => p.employeeId !== session.employeeId);
  const left = summary.data?.allowance.left ?? 0;

  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await api('/recognitions', { method: 'POST', body: { recipientIds: [recipient], values, message, pointsPerRecipient: points, visibility } });
      setOutcome({ ok: true, text: t('recognition.given') });
      setMessage('');
      setValues([]);
      setPoints(0);
      summary.reload();
      onGiven();
    } catch (error) {
      const fields = error instanceof ApiProblem ? (error.problem.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ') : '';
      setOutcome({ ok: false, text: t('app.error', { detail: fields || (error as Error).message }) });
    }
  };

  return (
    <form class="card form" onSubmit={submit}>
      <Status loaded={settings} />
      <label for="recipient">{t('recognition.to')}</label>
      {directory ? (
        <select id="recipient" required value={recipient} onChange={(e) => setRecipient((e.target as HTMLSelectElement).value)}>
          <option value="" />
          {colleagues.map((p) => (
            <option key={p.employeeId} value={p.employeeId}>
              {p.name} ({p.department})
            </option>
          ))}
        </select>
      ) : (
        <input id="recipient" required value={recipient} onInput={(e) => setRecipient((e.target as HTMLInputElement).value)} />
      )}
      <fieldset>
        <legend>{t('recognition.values')}</legend>
        {settings.data?.values
          .filter((v) => !v.retired)
          .map((v) => (
            <label key={v.valueId} class="check">
              <input
                type="checkbox"
                name="values"
                value={v.valueId}
                checked={values.includes(v.valueId)}
                onChange={(e) => setValues((now) => ((e.target as HTMLInputElement).checked ? [...now, v.valueId] : now.filter((x) => x !== v.valueId)))}
              />
              {v.name}
            </label>
          ))}
      </fieldset>
      <label for="message">{t('recognition.message')}</label>
      <textarea id="message" required maxLength={1000} value={message} onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)} />
      <label for="points">{t('recognition.points', { left })}</label>
      <input id="points" type="number" min={0} max={left} value={points} onInput={(e) => setPoints(Number((e.target as HTMLInputElement).value))} />
      <fieldset>
        <legend>{t('recognition.visibility')}</legend>
        {VISIBILITIES.map((v) => (
          <label key={v} class="check">
            <input type="radio" name="visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} />
            {t(`recognition.visibility.${v}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={!recipient || values.length === 0 || !message.trim()}>
        {t('recognition.give')}
      </button>
      {outcome && (
        <p role={outcome.ok ? 'status' : 'alert'} class={outcome.ok ? 'ok' : 'error'}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}

function Feed({ round }: { round: number }) {
  const { t, api, directory, locale } = useApp();
  const feed = useLoad(() => api<{ items: Recognition[] }>('/recognitions?limit=20'), [round]);
  const settings = useLoad(() => api<Settings>('/organisation/settings'), []);
  const valueName = (id: string) => settings.data?.values.find((v) => v.valueId === id)?.name ?? id;
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title">{t('recognition.feed')}</h2>
      <Status loaded={feed} />
      <ol class="feed">
        {feed.data?.items.map((r) => (
          <li key={r.recognitionId} class="card">
            <p>
              <strong>{t('recognition.item', { giver: nameOf(directory, r.giverId), recipients: r.recipientIds.map((id) => nameOf(directory, id)).join(', ') })}</strong>
            </p>
            <p>
              {r.values.map((v) => (
                <span key={v} class="tag">
                  {valueName(v)}
                </span>
              ))}
              {r.pointsPerRecipient > 0 && <span> · {t('recognition.pointsEach', { points: r.pointsPerRecipient })}</span>}
              {' · '}
              <time dateTime={r.givenAt}>{formatDate(locale, r.givenAt)}</time>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
