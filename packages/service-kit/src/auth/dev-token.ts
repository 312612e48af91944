import { SignJWT } from 'jose';
import type { Role } from './token-verifier.ts';

export interface DevTokenOptions {
  /** The same value as the service's AUTH_HS256_SECRET. */
  secret: string;
  subject?: string;
  /** Plain strings are allowed so tests can send roles the platform does not know. */
  roles?: readonly (Role | (string & {}))[];
  issuer?: string;
  audience?: string;
  /** jose time span ('1h', '-5m' for an already expired token) or seconds since the epoch. */
  expiresIn?: string | number;
  /** The `scope` claim of a service account, e.g. `tasks:it` (a list is joined with spaces, as OAuth writes it). */
  scope?: string | readonly string[];
  /** Extra claims, e.g. an employee's department. */
  claims?: Record<string, unknown>;
}

/**
 * Signs an HS256 token that services running with AUTH_MODE=hs256 accept.
 * For tests and local development only: production tokens come from the
 * identity provider and are checked against its JWKS.
 */
export async function signDevToken(options: DevTokenOptions): Promise<string> {
  const scope = typeof options.scope === 'string' ? options.scope : options.scope?.join(' ');
  const jwt = new SignJWT({ ...options.claims, roles: [...(options.roles ?? [])], ...(scope ? { scope } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? 'test-user')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h');
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
