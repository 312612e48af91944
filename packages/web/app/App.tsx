import { lazy, Suspense } from 'preact/compat';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { apiFor } from './api.ts';
import { finishSignIn } from './auth/oidc.ts';
import type { PageConfig } from './config.ts';
import { Ctx, nameOf, translator } from './context.tsx';
import { LOCALES, type Locale, type MessageKey, preferredLocale } from './i18n/index.ts';
import { JourneyPage } from './pages/Journey.tsx';
import { RecognitionPage } from './pages/Recognition.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { SuggestPage } from './pages/Suggest.tsx';
import { SurveyPage } from './pages/Survey.tsx';
import { TeamPage } from './pages/Team.tsx';
import { loadSession, type Session, saveSession, tokenSession } from './session.ts';
import type { Directory } from './types.ts';

// The dashboard brings the chart library: loaded when HR opens it, so the first page stays small.
const DashboardPage = lazy(() => import('./pages/Dashboard.tsx'));

const LOCALE_KEY = 'ejp.locale';

function useHashRoute(): string {
  const [hash, setHash] = useState(location.hash || '#/journey');
  useEffect(() => {
    const onChange = () => setHash(location.hash || '#/journey');
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

interface NavItem {
  hash: string;
  label: MessageKey;
  shown: (session: Session) => boolean;
}

const NAV: NavItem[] = [
  { hash: '#/journey', label: 'nav.journey', shown: () => true },
  { hash: '#/recognition', label: 'nav.recognition', shown: () => true },
  { hash: '#/suggest', label: 'nav.suggest', shown: () => true },
  { hash: '#/team', label: 'nav.team', shown: (s) => s.roles.includes('manager') },
  { hash: '#/dashboard', label: 'nav.dashboard', shown: (s) => s.roles.includes('hr') || s.roles.includes('admin') },
];

export function App({ config }: { config: PageConfig }) {
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem(LOCALE_KEY) as Locale | null) ?? preferredLocale(navigator.languages));
  const [session, setSession] = useState<Session | null>(loadSession);
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [signInError, setSignInError] = useState('');
  const hash = useHashRoute();
  const main = useRef<HTMLElement>(null);
  const t = useMemo(() => translator(locale), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
    localStorage.setItem(LOCALE_KEY, locale);
  }, [locale]);

  // Back from the identity provider: trade the code for a token.
  useEffect(() => {
    if (!config.oidc || session) return;
    finishSignIn(config.oidc).then((token) => token && signIn(tokenSession(token)), (e: Error) => setSignInError(e.message));
  }, []);

  useEffect(() => {
    if (!session || !config.demo) return;
    apiFor(session)<Directory>('/demo/directory').then(setDirectory, () => setDirectory(null));
  }, [session?.employeeId]);

  // A new page moves focus to its content, so a screen reader announces it and Tab starts there.
  useEffect(() => {
    main.current?.focus();
  }, [hash, session?.employeeId]);

  const signIn = (next: Session) => {
    saveSession(next);
    setSession(next);
    location.hash = '#/journey';
  };
  const signOut = () => {
    saveSession(null);
    setSession(null);
    setDirectory(null);
  };

  const page = (() => {
    if (!session) return <SignIn config={config} t={t} onSignIn={signIn} />;
    const survey = /^#\/survey\/([0-9a-f-]{36})$/.exec(hash);
    if (survey) return <SurveyPage surveyId={survey[1]!} />;
    switch (hash) {
      case '#/recognition':
        return <RecognitionPage />;
      case '#/suggest':
        return <SuggestPage />;
      case '#/team':
        return <TeamPage />;
      case '#/dashboard':
        return (
          <Suspense fallback={<p aria-live="polite">{t('app.loading')}</p>}>
            <DashboardPage />
          </Suspense>
        );
      default:
        return <JourneyPage />;
    }
  })();

  return (
    <>
      <button type="button" class="skip" onClick={() => main.current?.focus()}>
        {t('app.skip')}
      </button>
      <header class="top">
        <p class="brand">{t('app.title')}</p>
        {session && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {NAV.filter((item) => item.shown(session)).map((item) => (
                <li key={item.hash}>
                  <a href={item.hash} aria-current={hash === item.hash ? 'page' : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="tools">
          <label for="locale">{t('app.language')}</label>
          <select id="locale" value={locale} onChange={(e) => setLocale((e.target as HTMLSelectElement).value as Locale)}>
            {(Object.keys(LOCALES) as Locale[]).map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALES[l].label}
              </option>
            ))}
          </select>
          {session && (
            <>
              <span class="who">{t('app.signedInAs', { name: nameOf(directory, session.employeeId) })}</span>
              <button type="button" onClick={signOut}>
                {t('app.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {signInError && (
          <p role="alert" class="error">
            {t('signin.callbackFailed', { detail: signInError })}
          </p>
        )}
        {session && config.demo && !directory ? (
          <p aria-live="polite">{t('app.loading')}</p>
        ) : (
          <Ctx.Provider value={session ? { locale, t, api: apiFor(session), session, directory } : null}>{page}</Ctx.Provider>
        )}
      </main>
    </>
  );
}
