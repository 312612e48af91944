import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { repoPath } from './paths.ts';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are walked as plain data
  [field: string]: any;
}

export type Kubectl = { available: true; path: string; version: string } | { available: false; reason: string };

/**
 * kubectl renders the overlays (`kubectl kustomize`). KUBECTL names the binary,
 * else the one on PATH. CI installs Debian's kubernetes-client (kubectl 1.20,
 * kustomize v2.0.3), the oldest kustomize the manifests are written for.
 * Missing: the suites skip, or fail under REQUIRE_INFRA=1.
 */
export function findKubectl(env: NodeJS.ProcessEnv = process.env): Kubectl {
  const path = env.KUBECTL?.trim() || 'kubectl';
  const probe = spawnSync(path, ['version', '--client'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.error || probe.status !== 0) {
    const reason = `kubectl not found (${path}): apt-get install -y kubernetes-client, or set KUBECTL`;
    if (env.REQUIRE_INFRA === '1') throw new Error(`REQUIRE_INFRA=1 but ${reason}`);
    console.warn(`[deploy] skipping the Kubernetes suites: ${reason}`);
    return { available: false, reason };
  }
  return { available: true, path, version: probe.stdout.trim().split('\n')[0] ?? '' };
}

export const overlayNames = (): string[] =>
  readdirSync(repoPath('k8s/overlays'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

/** `kubectl kustomize k8s/overlays/<name>`, parsed. Newer kustomize's deprecation warnings (stderr) are ignored. */
export function renderOverlay(kubectl: string, overlay: string): K8sObject[] {
  const out = execFileSync(kubectl, ['kustomize', repoPath('k8s/overlays', overlay)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseAllDocuments(out).flatMap((doc) => {
    if (doc.errors.length > 0) throw doc.errors[0];
    const value = doc.toJS() as K8sObject | null;
    return value ? [value] : [];
  });
}
