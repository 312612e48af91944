/**
 * OpenID Connect authorization code flow with PKCE (RFC 7636) for a public
 * client in the browser: no client secret, the code is bound to a verifier
 * only this tab knows. Pure functions over Web Crypto, so they run (and are
 * tested) the same in Node and the browser.
 */

export interface OidcEndpoints {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
}

export interface PendingSignIn {
  verifier: string;
  state: string;
  redirectUri: string;
}

const base64url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** A code verifier: 32 random bytes, base64url (43 characters of the unreserved set, RFC 7636 §4.1). */
export function createVerifier(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return base64url(random(new Uint8Array(32)));
}

/** The S256 code challenge of a verifier: BASE64URL(SHA-256(ASCII(verifier))) (RFC 7636 §4.2). */
export async function challengeOf(verifier: string): Promise<string> {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw new Error('a PKCE verifier is 43 to 128 unreserved characters');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The discovery document's URL for an issuer (OpenID Connect Discovery §4). */
export const discoveryUrl = (issuer: string): string => `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

/** Where to send the browser to sign in. */
export async function authorizationUrl(
  endpoints: OidcEndpoints,
  client: { clientId: string; scope: string },
  pending: PendingSignIn,
): Promise<string> {
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: pending.redirectUri,
    scope: client.scope,
    state: pending.state,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** The code from the issuer's redirect back, refusing an error answer or a state this tab did not send (CSRF). */
export function codeFromCallback(search: string, expectedState: string): string {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) throw new Error(`${error}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}`);
  if (params.get('state') !== expectedState) throw new Error('the state does not match the sign-in this tab started');
  const code = params.get('code');
  if (!code) throw new Error('the issuer sent no authorization code');
  return code;
}

/** The token request's form body: the code and the verifier it was bound to. */
export function tokenRequestBody(code: string, clientId: string, pending: PendingSignIn): URLSearchParams {
  return new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: clientId, code_verifier: pending.verifier });
}

/** The claims of a JWT, unverified: the API verifies it; the page only reads who it names. */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}
