import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';

/** Where `npm run build -w @ejp/web` writes the app. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));

/** What the page learns from the process serving it (in a JSON script tag, so the CSP needs no inline script). */
export interface WebAppConfig {
  authMode: 'off' | 'hs256' | 'jwks';
  /** OpenID Connect for sign-in when auth is on: the issuer whose discovery document names the endpoints. */
  oidc: { issuer: string; clientId: string; scope: string } | null;
  /** Whether GET /demo/directory answers (standalone --demo): the persona switcher needs it. */
  demo: boolean;
}

/** The variables of a process that serves the web app (spread into its config schema). */
export const webConfigShape = {
  WEB_OIDC_CLIENT_ID: z
    .string()
    .min(1)
    .optional()
    .describe('OpenID Connect client id of the web app (a public client: authorization code with PKCE, no secret) at the issuer AUTH_ISSUER names. Unset: the sign-in page asks for a bearer token instead.'),
  WEB_OIDC_SCOPE: z.string().min(1).default('openid profile').describe('Scopes the web app asks the issuer for at sign-in.'),
};

/** The page's config from the process's: OIDC only when auth is on and both the issuer and the client id are set. */
export function webAppConfigOf(
  config: { AUTH_MODE: WebAppConfig['authMode']; AUTH_ISSUER?: string | undefined; WEB_OIDC_CLIENT_ID?: string | undefined; WEB_OIDC_SCOPE: string },
  demo: boolean,
): WebAppConfig {
  const { AUTH_MODE, AUTH_ISSUER, WEB_OIDC_CLIENT_ID, WEB_OIDC_SCOPE } = config;
  const oidc = AUTH_MODE !== 'off' && AUTH_ISSUER && WEB_OIDC_CLIENT_ID ? { issuer: AUTH_ISSUER, clientId: WEB_OIDC_CLIENT_ID, scope: WEB_OIDC_SCOPE } : null;
  return { authMode: AUTH_MODE, oidc, demo };
}

interface Asset {
  body: Buffer;
  gzipped: Buffer;
  type: string;
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The page's content security policy: its own scripts only; inline styles
 * because Chart.js sizes its canvas with a style attribute; fetches to this
 * origin and to the OpenID Connect issuer (discovery and token endpoints).
 */
export function contentSecurityPolicy(config: WebAppConfig): string {
  const issuer = config.oidc ? ` ${new URL(config.oidc.issuer).origin}` : '';
  return `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'${issuer}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Employee Journey Platform</title></head>
<body><main><h1>The web app is not built</h1><p>Run <code>npm run build -w @ejp/web</code>, then reload. The API is at <a href="/docs">/docs</a>.</p></main></body></html>`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function asset(body: Buffer, type: string, immutable: boolean): Asset {
  return { body, gzipped: gzipSync(body), type, immutable };
}

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The built files by URL path, index.html with the config written in; a page saying how to build it when there is none. */
export function loadWebAssets(config: WebAppConfig, distDir: string = WEB_DIST_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    assets.set('/', asset(Buffer.from(NOT_BUILT), TYPES['.html']!, false));
    return assets;
  }
  for (const file of filesUnder(distDir)) {
    const url = `/${relative(distDir, file).split(sep).join('/')}`;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (url === '/index.html') {
      const html = readFileSync(file, 'utf8').replace('<!--ejp-config-->', `<script type="application/json" id="ejp-config">${escapeJson(config)}</script>`);
      assets.set('/', asset(Buffer.from(html), type, false));
      continue;
    }
    // Vite puts a content hash in every name under assets/: they never change.
    assets.set(url, asset(readFileSync(file), type, url.startsWith('/assets/')));
  }
  return assets;
}

/**
 * Serves the web app at `/` and its files at their paths, WITHOUT routes:
 * only a GET or HEAD that no API route matched is looked up here, so the app
 * can never shadow an API path, stays out of the OpenAPI document, and an
 * unknown API path still gets the 404 problem+json. The app routes in the
 * URL fragment (`/#/journey`), so there is no fallback path to serve
 * index.html for either.
 */
export function mountWebApp(app: ServiceApp, config: WebAppConfig, distDir?: string): void {
  const assets = loadWebAssets(config, distDir);
  const csp = contentSecurityPolicy(config);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    const found = assets.get(request.url.split('?', 1)[0]!);
    if (!found) return;
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    reply
      .code(200)
      .type(found.type)
      .header('cache-control', found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('vary', 'accept-encoding')
      .header('x-content-type-options', 'nosniff');
    if (found.type.startsWith('text/html')) reply.header('content-security-policy', csp);
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? found.gzipped : found.body);
  });
}
