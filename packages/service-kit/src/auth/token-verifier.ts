import { type JWTPayload, type JWTVerifyOptions, createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { type JwksAlgorithm, MAX_CLOCK_TOLERANCE_S } from '../config.ts';
import { AppError } from '../errors/app-error.ts';
import { ErrorCodes } from '../errors/error-catalogue.ts';

export const ROLES = ['employee', 'manager', 'hr', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling: set on `request.user` for every authenticated route. */
export interface AuthenticatedUser {
  /** The token's `sub` claim (an employee id, or a service account name). */
  subject: string;
  roles: Role[];
  /** The token's scopes (`scope` claim, space-separated): what a service account may reach, e.g. `tasks:it`. */
  scopes: string[];
  /** All verified claims, for services that need more than subject and roles. */
  claims: JWTPayload;
}

export interface TokenVerifierSettings {
  AUTH_MODE: 'jwks' | 'hs256' | 'off';
  AUTH_JWKS_URL?: string | undefined;
  AUTH_HS256_SECRET?: string | undefined;
  AUTH_ISSUER?: string | undefined;
  AUTH_AUDIENCE?: string | undefined;
  /** Algorithms accepted from the JWKS (default RS256, PS256, ES256, EdDSA); hs256 mode accepts HS256 only. */
  AUTH_ALGORITHMS?: readonly JwksAlgorithm[] | undefined;
  /** Longest accepted `exp - iat` (or `exp - now` without `iat`), seconds; default 12 hours. */
  AUTH_MAX_TOKEN_LIFETIME_S?: number | undefined;
  /** Clock drift allowed on `exp`/`nbf`/`iat`, seconds; default 5, at most 60. */
  AUTH_CLOCK_TOLERANCE_S?: number | undefined;
}

const DEFAULT_ALGORITHMS: readonly JwksAlgorithm[] = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const DEFAULT_MAX_LIFETIME_S = 12 * 60 * 60;
const DEFAULT_CLOCK_TOLERANCE_S = 5;

export type TokenVerifier = (token: string) => Promise<AuthenticatedUser>;

export const INVALID_TOKEN_CHALLENGE = 'Bearer realm="ejp", error="invalid_token"';

function invalidToken(detail: string, cause?: unknown): AppError {
  return new AppError(ErrorCodes.EJP_UNAUTHENTICATED, detail, {
    cause,
    headers: { 'www-authenticate': INVALID_TOKEN_CHALLENGE },
  });
}

/** The scopes of a token: the OAuth `scope` claim (space-separated) or an array of strings (`scp` style). */
export function scopesOf(claims: Record<string, unknown>): string[] {
  const scope = claims.scope ?? claims.scp;
  if (typeof scope === 'string') return scope.split(' ').filter((s) => s.length > 0);
  if (Array.isArray(scope)) return scope.filter((s): s is string => typeof s === 'string');
  return [];
}

function userFromClaims(claims: JWTPayload): AuthenticatedUser {
  if (!claims.sub) throw invalidToken('The token has no subject (sub) claim.');
  const roles = claims.roles ?? [];
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw invalidToken('The roles claim must be an array of strings.');
  }
  // Roles this platform does not know grant nothing; dropping them keeps
  // `roles` a closed set for route checks.
  return { subject: claims.sub, roles: roles.filter(isRole), scopes: scopesOf(claims), claims };
}

// A token we cannot check because the key server is down or answers garbage
// is our outage, not the caller's mistake: 503, so clients retry, not re-login.
function isKeySetFailure(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return true;
  return !(error instanceof joseErrors.JOSEError);
}

// A stolen token is good until it expires: one that never expires, or that
// was minted for a month, must not be accepted at all.
function checkLifetime(claims: JWTPayload, maxLifetimeS: number, toleranceS: number): void {
  if (typeof claims.exp !== 'number') throw invalidToken('The token has no expiry (exp) claim.');
  const from = typeof claims.iat === 'number' ? claims.iat : Math.floor(Date.now() / 1000);
  if (claims.exp - from > maxLifetimeS + toleranceS) {
    throw invalidToken(`The token lives longer than the ${maxLifetimeS} seconds this service accepts.`);
  }
}

/** Builds the bearer-token check for AUTH_MODE jwks or hs256. */
export function createTokenVerifier(settings: TokenVerifierSettings): TokenVerifier {
  const clockTolerance = settings.AUTH_CLOCK_TOLERANCE_S ?? DEFAULT_CLOCK_TOLERANCE_S;
  if (clockTolerance < 0 || clockTolerance > MAX_CLOCK_TOLERANCE_S) {
    throw new Error(`AUTH_CLOCK_TOLERANCE_S must be between 0 and ${MAX_CLOCK_TOLERANCE_S} seconds`);
  }
  if (settings.AUTH_MODE === 'jwks' && (!settings.AUTH_ISSUER || !settings.AUTH_AUDIENCE)) {
    throw new Error('AUTH_ISSUER and AUTH_AUDIENCE are required when AUTH_MODE=jwks');
  }
  const maxLifetimeS = settings.AUTH_MAX_TOKEN_LIFETIME_S ?? DEFAULT_MAX_LIFETIME_S;
  const options: JWTVerifyOptions = {
    // Clocks of the identity provider and our pods drift a little.
    clockTolerance,
    requiredClaims: ['exp'],
    ...(settings.AUTH_ISSUER ? { issuer: settings.AUTH_ISSUER } : {}),
    ...(settings.AUTH_AUDIENCE ? { audience: settings.AUTH_AUDIENCE } : {}),
  };

  let verify: (token: string) => Promise<JWTPayload>;
  if (settings.AUTH_MODE === 'hs256') {
    if (!settings.AUTH_HS256_SECRET) throw new Error('AUTH_HS256_SECRET is required when AUTH_MODE=hs256');
    const secret = new TextEncoder().encode(settings.AUTH_HS256_SECRET);
    verify = async (token) => (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
  } else if (settings.AUTH_MODE === 'jwks') {
    if (!settings.AUTH_JWKS_URL) throw new Error('AUTH_JWKS_URL is required when AUTH_MODE=jwks');
    // Fetched lazily and cached by jose; rotated keys are picked up on an unknown `kid`.
    const keySet = createRemoteJWKSet(new URL(settings.AUTH_JWKS_URL));
    const algorithms = [...(settings.AUTH_ALGORITHMS ?? DEFAULT_ALGORITHMS)];
    verify = async (token) => (await jwtVerify(token, keySet, { ...options, algorithms })).payload;
  } else {
    throw new Error('AUTH_MODE=off has no token verifier');
  }

  const verified = new VerifiedTokens();
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    let claims: JWTPayload;
    try {
      claims = await verify(token);
    } catch (error) {
      if (settings.AUTH_MODE === 'jwks' && isKeySetFailure(error)) {
        throw new AppError(ErrorCodes.EJP_UNAVAILABLE, 'The signing keys needed to check the token are unavailable.', {
          cause: error,
        });
      }
      throw invalidToken('The bearer token is invalid or expired.', error);
    }
    checkLifetime(claims, maxLifetimeS, clockTolerance);
    const user = userFromClaims(claims);
    verified.add(token, user, claims.exp!);
    return user;
  };
}

/**
 * Tokens verified lately, by their exact text: a client sends the same token
 * with every request, and checking its signature again (an HMAC or RSA
 * verification, on the thread pool) was a sizeable part of a cheap read. The
 * same bytes verify the same way, so an entry answers for the token until
 * its `exp` and at most VERIFIED_TOKEN_TTL_MS after it was checked (so that a
 * key withdrawn from the JWKS stops admitting its tokens soon). Bounded,
 * oldest first out.
 */
const VERIFIED_TOKEN_TTL_MS = 60_000;
const VERIFIED_TOKENS_MAX = 10_000;

class VerifiedTokens {
  readonly #entries = new Map<string, { user: AuthenticatedUser; until: number }>();

  get(token: string): AuthenticatedUser | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (Date.now() < entry.until) return entry.user;
    this.#entries.delete(token);
    return undefined;
  }

  add(token: string, user: AuthenticatedUser, expS: number): void {
    this.#entries.set(token, { user, until: Math.min(expS * 1000, Date.now() + VERIFIED_TOKEN_TTL_MS) });
    if (this.#entries.size > VERIFIED_TOKENS_MAX) this.#entries.delete(this.#entries.keys().next().value!);
  }
}
