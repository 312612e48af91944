import { useEffect, useState } from 'preact/hooks';
import { apiFor } from '../api.ts';
import { startSignIn } from '../auth/oidc.ts';
import type { PageConfig } from '../config.ts';
import type { MessageKey } from '../i18n/index.ts';
import { type Session, tokenSession } from '../session.ts';
import type { Directory } from '../types.ts';

interface Props {
  config: PageConfig;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  onSignIn: (session: Session) => void;
}

/** Under AUTH_MODE=off with the demo: pick a person. Otherwise: the identity provider, or a pasted token. */
export function SignIn({ config, t, onSignIn }: Props) {
  return (
    <section aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signin.title')}</h1>
      {config.authMode !== 'off' ? (
        <TokenSignIn config={config} t={t} onSignIn={onSignIn} />
      ) : config.demo ? (
        <PersonaSwitcher t={t} onSignIn={onSignIn} />
      ) : (
        <EmployeeIdSignIn t={t} onSignIn={onSignIn} />
      )}
    </section>
  );
}

function PersonaSwitcher({ t, onSignIn }: Omit<Props, 'config'>) {
  const [directory, setDirectory] = useState<Directory | null | Error>(null);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    apiFor(null)<Directory>('/demo/directory').then(setDirectory, (error: Error) => setDirectory(error));
  }, []);
  if (directory === null) {
    return <p aria-live="polite">{t('app.loading')}</p>;
  }
  if (directory instanceof Error) return <p role="alert" class="error">{t('app.error', { detail: directory.message })}</p>;
  const act = (employeeId: string) => {
    const person = directory.people.find((p) => p.employeeId === employeeId);
    if (person) onSignIn({ kind: 'persona', employeeId, roles: person.roles });
  };
  return (
    <>
      <p>{t('signin.demoIntro', { company: directory.company })}</p>
      <ul class="personas">
        {directory.personas.map(({ kind, employeeId }) => {
          const person = directory.people.find((p) => p.employeeId === employeeId)!;
          return (
            <li key={kind}>
              <button type="button" class="persona" onClick={() => act(employeeId)} data-persona={kind}>
                <strong>{t(`signin.persona.${kind}`)}</strong>
                <span>{t('signin.actAs', { name: person.name })}</span>
                <small>
                  {person.role}, {person.department}
                </small>
              </button>
            </li>
          );
        })}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          act(chosen);
        }}
      >
        <label for="anyone">{t('signin.anyone')}</label>
        <select id="anyone" value={chosen} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
          <option value="">{t('signin.person')}</option>
          {directory.people.map((p) => (
            <option key={p.employeeId} value={p.employeeId}>
              {p.name} ({p.role})
            </option>
          ))}
        </select>
        <button type="submit" disabled={!chosen}>
          {t('signin.continue')}
        </button>
      </form>
    </>
  );
}

function TokenSignIn({ config, t, onSignIn }: Props) {
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const { oidc } = config;
  return (
    <>
      {oidc ? (
        <button type="button" onClick={() => startSignIn(oidc).catch((e: Error) => setError(e.message))}>
          {t('signin.oidc')}
        </button>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            try {
              onSignIn(tokenSession(token.trim()));
            } catch (e) {
              setError((e as Error).message);
            }
          }}
        >
          <p id="token-help">{t('signin.tokenHelp')}</p>
          <label for="token">{t('signin.token')}</label>
          <textarea id="token" aria-describedby="token-help" value={token} onInput={(e) => setToken((e.target as HTMLTextAreaElement).value)} />
          <button type="submit">{t('signin.useToken')}</button>
        </form>
      )}
      {error && (
        <p role="alert" class="error">
          {t('signin.callbackFailed', { detail: error })}
        </p>
      )}
    </>
  );
}

/** AUTH_MODE=off without the demo: every request acts as the dev user (every role); the page shows the journey of the id given. */
function EmployeeIdSignIn({ t, onSignIn }: Omit<Props, 'config'>) {
  const [employeeId, setEmployeeId] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSignIn({ kind: 'persona', employeeId: employeeId.trim(), roles: ['employee', 'manager', 'hr', 'admin'] });
      }}
    >
      <p id="employee-help">{t('signin.noDemo')}</p>
      <label for="employee-id">{t('signin.employeeId')}</label>
      <input id="employee-id" aria-describedby="employee-help" required pattern="[0-9a-fA-F-]{36}" value={employeeId} onInput={(e) => setEmployeeId((e.target as HTMLInputElement).value)} />
      <button type="submit">{t('signin.continue')}</button>
    </form>
  );
}
