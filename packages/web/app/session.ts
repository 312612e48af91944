import { claimsOf } from './auth/pkce.ts';

/** Who the page acts as: a demo persona (AUTH_MODE=off, by header) or the holder of a bearer token. */
export type Session = { kind: 'persona'; employeeId: string; roles: string[] } | { kind: 'token'; token: string; employeeId: string; roles: string[] };

const KEY = 'ejp.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** A session from a token: the subject is the employee, the roles claim their roles (the API verifies both). */
export function tokenSession(token: string): Session {
  const claims = claimsOf(token);
  const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  return { kind: 'token', token, employeeId: String(claims.sub ?? ''), roles };
}
