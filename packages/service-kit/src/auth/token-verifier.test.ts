import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { createTokenVerifier } from './token-verifier.ts';

// A stand-in identity provider: serves a JWKS over real HTTP, so the remote
// key set code path (fetch, kid lookup) is what gets tested.
let server: Server;
let jwksUrl: string;
let privateKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function rs256Token(claims: Record<string, unknown>, kid = 'key-1') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject('e-42')
    .setIssuer('https://id.example')
    .setExpirationTime('5m')
    .sign(privateKey);
}

describe('JWKS verification', () => {
  it('accepts a token signed by a key from the JWKS and returns subject and roles', async () => {
    const verify = createTokenVerifier({ AUTH_MODE: 'jwks', AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: 'https://id.example' });
    const user = await verify(await rs256Token({ roles: ['manager'] }));
    expect(user.subject).toBe('e-42');
    expect(user.roles).toEqual(['manager']);
  });

  it('rejects a token whose roles claim is not an array of strings', async () => {
    const verify = createTokenVerifier({ AUTH_MODE: 'jwks', AUTH_JWKS_URL: jwksUrl });
    await expect(verify(await rs256Token({ roles: 'admin' }))).rejects.toMatchObject({ code: 'EJP_UNAUTHENTICATED' });
  });

  it('rejects a token signed with a key the JWKS does not have', async () => {
    const verify = createTokenVerifier({ AUTH_MODE: 'jwks', AUTH_JWKS_URL: jwksUrl });
    const error = await verify(await rs256Token({ roles: ['hr'] }, 'unknown-kid')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('EJP_UNAUTHENTICATED');
  });

  it('answers 503-class EJP_UNAVAILABLE when the key server cannot be reached', async () => {
    const verify = createTokenVerifier({ AUTH_MODE: 'jwks', AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks.json' });
    const error = await verify(await rs256Token({ roles: ['hr'] })).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('EJP_UNAVAILABLE');
  });
});
