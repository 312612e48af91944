import { describe, expect, it } from 'vitest';
import { authorizationUrl, challengeOf, claimsOf, codeFromCallback, createVerifier, discoveryUrl, tokenRequestBody } from './pkce.ts';

const endpoints = { issuer: 'https://id.example', authorization_endpoint: 'https://id.example/authorize?tenant=x', token_endpoint: 'https://id.example/token' };
const pending = { verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', state: 'st4te', redirectUri: 'http://localhost:3000/' };

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeOf(pending.verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes 43-character verifiers of the unreserved set, different each time', () => {
    const a = createVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createVerifier()).not.toBe(a);
    expect(createVerifier((bytes) => bytes.fill(255))).toBe(`${'_'.repeat(42)}8`);
  });

  it('refuses a verifier too short to be one', async () => {
    await expect(challengeOf('short')).rejects.toThrow(/43 to 128/);
  });

  it('sends the challenge, state and client to the authorization endpoint, keeping its own query', async () => {
    const url = new URL(await authorizationUrl(endpoints, { clientId: 'ejp-web', scope: 'openid profile' }, pending));
    expect(url.origin + url.pathname).toBe('https://id.example/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'ejp-web',
      redirect_uri: 'http://localhost:3000/',
      scope: 'openid profile',
      state: 'st4te',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('tenant')).toBeNull();
  });

  it('takes the code only from a callback with the state it sent', () => {
    expect(codeFromCallback('?code=abc&state=st4te', 'st4te')).toBe('abc');
    expect(() => codeFromCallback('?code=abc&state=other', 'st4te')).toThrow(/state/);
    expect(() => codeFromCallback('?error=access_denied&error_description=no&state=st4te', 'st4te')).toThrow('access_denied: no');
    expect(() => codeFromCallback('?state=st4te', 'st4te')).toThrow(/no authorization code/);
  });

  it('redeems the code with the verifier it was bound to', () => {
    expect(Object.fromEntries(tokenRequestBody('abc', 'ejp-web', pending))).toEqual({
      grant_type: 'authorization_code', code: 'abc', redirect_uri: 'http://localhost:3000/', client_id: 'ejp-web', code_verifier: pending.verifier,
    });
  });

  it('finds the discovery document and reads a token\'s claims', () => {
    expect(discoveryUrl('https://id.example/realms/ejp/')).toBe('https://id.example/realms/ejp/.well-known/openid-configuration');
    const payload = Buffer.from(JSON.stringify({ sub: 'e-1', roles: ['employee'], name: 'Zoë 张' })).toString('base64url');
    expect(claimsOf(`h.${payload}.s`)).toEqual({ sub: 'e-1', roles: ['employee'], name: 'Zoë 张' });
  });
});
