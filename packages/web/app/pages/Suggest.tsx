import { useState } from 'preact/hooks';
import { useApp } from '../context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { rememberSuggestion } from '../local.ts';

const CATEGORIES = ['workplace', 'tools', 'process', 'people', 'benefits', 'other'] as const;

export function SuggestPage() {
  const { t, api, session } = useApp();
  const [category, setCategory] = useState<string>('workplace');
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; token?: string } | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const suggestionId = crypto.randomUUID();
    try {
      const result = await api<{ followUpToken?: string }>(anonymous ? '/suggestions/anonymous' : '/suggestions', { method: 'POST', body: { suggestionId, category, text } });
      if (!anonymous) rememberSuggestion(session.employeeId, { suggestionId, category, text });
      setOutcome({ ok: true, text: anonymous ? t('suggest.token') : t('suggest.named'), ...(result.followUpToken ? { token: result.followUpToken } : {}) });
      setText('');
    } catch (error) {
      setOutcome({ ok: false, text: t('app.error', { detail: (error as Error).message }) });
    }
  };
  return (
    <section aria-labelledby="suggest-title">
      <h1 id="suggest-title">{t('suggest.title')}</h1>
      <form class="card form" onSubmit={submit}>
        <label for="category">{t('suggest.category')}</label>
        <select id="category" value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`suggest.category.${c}` as MessageKey)}
            </option>
          ))}
        </select>
        <label for="suggestion">{t('suggest.text')}</label>
        <textarea id="suggestion" required maxLength={2000} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <label class="check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous((e.target as HTMLInputElement).checked)} />
          {t('suggest.anonymous')}
        </label>
        <button type="submit" disabled={!text.trim()}>
          {t('suggest.submit')}
        </button>
      </form>
      {outcome && (
        <div role={outcome.ok ? 'status' : 'alert'} class={outcome.ok ? 'ok card' : 'error'}>
          <p>{outcome.text}</p>
          {outcome.token && (
            <p>
              <code class="token" data-testid="follow-up-token">
                {outcome.token}
              </code>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
