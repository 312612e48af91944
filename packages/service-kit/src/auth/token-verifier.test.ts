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
    .setAudience('ejp')
    .setExpirationTime('5m')
    .sign(privateKey);
}

const jwks = () => ({ AUTH_MODE: 'jwks' as const, AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: 'https://id.example', AUTH_AUDIENCE: 'ejp' });

describe('JWKS verification', () => {
  it('accepts a token signed by a key from the JWKS and returns subject and roles', async () => {
    const verify = createTokenVerifier(jwks());
    const user = await verify(await rs256Token({ roles: ['manager'] }));
    expect(user.subject).toBe('e-42');
    expect(user.roles).toEqual(['manager']);
  });

  it('rejects a token whose roles claim is not an array of strings', async () => {
    const verify = createTokenVerifier(jwks());
    await expect(verify(await rs256Token({ roles: 'admin' }))).rejects.toMatchObject({ code: 'EJP_UNAUTHENTICATED' });
  });

  it('rejects a token signed with a key the JWKS does not have', async () => {
    const verify = createTokenVerifier(jwks());
    const error = await verify(await rs256Token({ roles: ['hr'] }, 'unknown-kid')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('EJP_UNAUTHENTICATED');
  });

  it('answers 503-class EJP_UNAVAILABLE when the key server cannot be reached', async () => {
    const verify = createTokenVerifier({ ...jwks(), AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks.json' });
    const error = await verify(await rs256Token({ roles: ['hr'] })).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('EJP_UNAVAILABLE');
  });
});

describe('token policy', () => {
  const secret = 'a-token-policy-secret-of-32-characters';
  const hs256 = { AUTH_MODE: 'hs256' as const, AUTH_HS256_SECRET: secret };
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (jwt: SignJWT) => jwt.setProtectedHeader({ alg: 'HS256' }).setSubject('e-1').sign(new TextEncoder().encode(secret));
  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: AppError) => error.code);

  it('refuses a token without exp (it would never expire)', async () => {
    const verify = createTokenVerifier(hs256);
    expect(await codeOf(verify(await sign(new SignJWT({ roles: ['hr'] }).setIssuedAt())))).toBe('EJP_UNAUTHENTICATED');
  });

  it('refuses a token that lives longer than AUTH_MAX_TOKEN_LIFETIME_S, counted from iat or else from now', async () => {
    const verify = createTokenVerifier(hs256); // default: 12 hours
    const fine = new SignJWT({ roles: ['hr'] }).setIssuedAt().setExpirationTime('12h');
    expect(await codeOf(verify(await sign(fine)))).toBe('accepted');
    const month = new SignJWT({ roles: ['hr'] }).setIssuedAt().setExpirationTime('30d');
    expect(await codeOf(verify(await sign(month)))).toBe('EJP_UNAUTHENTICATED');
    const noIat = new SignJWT({ roles: ['hr'] }).setExpirationTime(now() + 13 * 3600);
    expect(await codeOf(verify(await sign(noIat)))).toBe('EJP_UNAUTHENTICATED');
    const short = createTokenVerifier({ ...hs256, AUTH_MAX_TOKEN_LIFETIME_S: 600 });
    expect(await codeOf(short(await sign(new SignJWT({}).setIssuedAt().setExpirationTime('1h'))))).toBe('EJP_UNAUTHENTICATED');
  });

  it('allows AUTH_CLOCK_TOLERANCE_S of drift on exp, and no more than 60 s may be configured', async () => {
    const expiredAWhileAgo = await sign(new SignJWT({}).setIssuedAt(now() - 600).setExpirationTime(now() - 30));
    expect(await codeOf(createTokenVerifier({ ...hs256, AUTH_CLOCK_TOLERANCE_S: 60 })(expiredAWhileAgo))).toBe('accepted');
    expect(await codeOf(createTokenVerifier(hs256)(expiredAWhileAgo))).toBe('EJP_UNAUTHENTICATED');
    expect(() => createTokenVerifier({ ...hs256, AUTH_CLOCK_TOLERANCE_S: 3600 })).toThrow(/AUTH_CLOCK_TOLERANCE_S/);
  });

  it('a token verified before (kept by its text) still stops being accepted at its exp', async () => {
    const verify = createTokenVerifier({ ...hs256, AUTH_CLOCK_TOLERANCE_S: 0 });
    const token = await sign(new SignJWT({ roles: ['hr'] }).setIssuedAt().setExpirationTime(now() + 2));
    expect(await codeOf(verify(token))).toBe('accepted');
    expect(await codeOf(verify(token))).toBe('accepted');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await codeOf(verify(token))).toBe('EJP_UNAUTHENTICATED');
    // A look-alike with a broken signature is checked on its own, whatever was verified before.
    expect(await codeOf(verify(`${token.slice(0, -2)}xx`))).toBe('EJP_UNAUTHENTICATED');
  });

  it('accepts only the algorithms of AUTH_ALGORITHMS from the JWKS', async () => {
    const token = await rs256Token({ roles: ['hr'] });
    expect(await codeOf(createTokenVerifier({ ...jwks(), AUTH_ALGORITHMS: ['ES256'] })(token))).toBe('EJP_UNAUTHENTICATED');
    expect(await codeOf(createTokenVerifier({ ...jwks(), AUTH_ALGORITHMS: ['RS256'] })(token))).toBe('accepted');
  });

  it('in jwks mode, refuses to build without an issuer and an audience to check', () => {
    expect(() => createTokenVerifier({ ...jwks(), AUTH_AUDIENCE: undefined })).toThrow(/AUTH_AUDIENCE/);
    expect(() => createTokenVerifier({ ...jwks(), AUTH_ISSUER: undefined })).toThrow(/AUTH_ISSUER/);
  });
});
