/** What the serving process wrote into the page (packages/web/src/server.ts, WebAppConfig). */
export interface PageConfig {
  authMode: 'off' | 'hs256' | 'jwks';
  oidc: { issuer: string; clientId: string; scope: string } | null;
  demo: boolean;
}

export function pageConfig(): PageConfig {
  const element = document.getElementById('ejp-config');
  // `vite dev` serves the page without the process: act as the demo.
  return element?.textContent ? (JSON.parse(element.textContent) as PageConfig) : { authMode: 'off', oidc: null, demo: true };
}
