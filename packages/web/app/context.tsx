import { type ComponentChildren, createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Api } from './api.ts';
import { type Locale, type MessageKey, translate } from './i18n/index.ts';
import type { Session } from './session.ts';
import type { Directory, Person } from './types.ts';

export interface AppContext {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  api: Api;
  session: Session;
  directory: Directory | null;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const value = useContext(Ctx);
  if (!value) throw new Error('useApp outside the app');
  return value;
}

export const translator = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

/** A person's name from the demo directory, else a short form of their id (the read models withhold names). */
export function nameOf(directory: Directory | null, employeeId: string): string {
  return directory?.people.find((p: Person) => p.employeeId === employeeId)?.name ?? `${employeeId.slice(0, 8)}…`;
}

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  reload: () => void;
}

/** Runs `load` when `deps` change; the page shows loading, the error (a live region) or the data. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error }>({});
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState({});
    load().then(
      (data) => live && setState({ data }),
      (error: Error) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return { data: state.data, error: state.error, reload: () => setRound((r) => r + 1) };
}

export function Status({ loaded }: { loaded: Loaded<unknown> }) {
  const { t } = useApp();
  if (loaded.error) return <p role="alert" class="error">{t('app.error', { detail: loaded.error.message })}</p>;
  if (loaded.data === undefined) return <p aria-live="polite">{t('app.loading')}</p>;
  return null;
}

export const formatDate = (locale: Locale, iso: string) => new Date(iso).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * A table that may scroll sideways on a narrow screen: focusable, so a keyboard
 * can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable), and named.
 */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to be scrolled by it
    <section class="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
