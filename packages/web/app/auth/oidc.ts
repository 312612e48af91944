import type { PageConfig } from '../config.ts';
import { authorizationUrl, codeFromCallback, createVerifier, discoveryUrl, type OidcEndpoints, type PendingSignIn, tokenRequestBody } from './pkce.ts';

const PENDING = 'ejp.oidc.pending';

async function endpoints(issuer: string): Promise<OidcEndpoints> {
  const response = await fetch(discoveryUrl(issuer));
  if (!response.ok) throw new Error(`discovery document: HTTP ${response.status}`);
  return (await response.json()) as OidcEndpoints;
}

/** Starts the authorization code flow: remembers the verifier and state in this tab, then leaves for the issuer. */
export async function startSignIn(oidc: NonNullable<PageConfig['oidc']>): Promise<void> {
  const pending: PendingSignIn = { verifier: createVerifier(), state: createVerifier(), redirectUri: `${location.origin}/` };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  location.assign(await authorizationUrl(await endpoints(oidc.issuer), oidc, pending));
}

/** On the issuer's redirect back (`?code=…&state=…`): the access token, or null when this is no callback. */
export async function finishSignIn(oidc: NonNullable<PageConfig['oidc']>): Promise<string | null> {
  const raw = sessionStorage.getItem(PENDING);
  if (!raw || !/[?&](code|error)=/.test(location.search)) return null;
  sessionStorage.removeItem(PENDING);
  const pending = JSON.parse(raw) as PendingSignIn;
  const code = codeFromCallback(location.search, pending.state);
  history.replaceState(null, '', '/');
  const response = await fetch((await endpoints(oidc.issuer)).token_endpoint, { method: 'POST', body: tokenRequestBody(code, oidc.clientId, pending) });
  if (!response.ok) throw new Error(`token endpoint: HTTP ${response.status}`);
  const tokens = (await response.json()) as { access_token?: string };
  if (!tokens.access_token) throw new Error('the token endpoint sent no access_token');
  return tokens.access_token;
}
