import type { K8sObject } from './kustomize.ts';
import { parseEnvFile, readRepoFile, repoFileExists } from './paths.ts';

/** A container's environment as the kubelet would build it, with where each value came from. */
export interface ContainerEnv {
  deployment: string;
  container: string;
  env: Record<string, string>;
  source: Record<string, string>;
}

const decode = (base64: string) => Buffer.from(base64.replace(/\s+/g, ''), 'base64').toString('utf8');

/**
 * A Secret's keys and values: rendered by the overlay, else (production keeps
 * its Secrets out of git) the overlay's `secrets.example/<name>.env`, which
 * docs/deploy.md tells operators to fill in.
 */
function secretData(objects: K8sObject[], overlay: string, name: string): Record<string, string> | undefined {
  const rendered = objects.find((o) => o.kind === 'Secret' && o.metadata.name === name);
  if (rendered) {
    const data = Object.fromEntries(Object.entries<string>(rendered.data ?? {}).map(([k, v]) => [k, decode(v)]));
    return { ...data, ...(rendered.stringData ?? {}) };
  }
  const example = `k8s/overlays/${overlay}/secrets.example/${name}.env`;
  return repoFileExists(example) ? parseEnvFile(readRepoFile(example)) : undefined;
}

function configMapData(objects: K8sObject[], name: string): Record<string, string> | undefined {
  return objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name)?.data;
}

/** envFrom in order (later wins), then env (wins over envFrom). Throws on a reference that resolves nowhere. */
export function containerEnvs(objects: K8sObject[], overlay: string): ContainerEnv[] {
  const result: ContainerEnv[] = [];
  for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
    for (const container of deployment.spec.template.spec.containers) {
      const env: Record<string, string> = {};
      const source: Record<string, string> = {};
      const set = (name: string, value: string, from: string) => {
        env[name] = value;
        source[name] = from;
      };
      for (const from of container.envFrom ?? []) {
        const ref = from.configMapRef ?? from.secretRef;
        const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
        const data = from.configMapRef ? configMapData(objects, ref.name) : secretData(objects, overlay, ref.name);
        if (!data) {
          if (ref.optional) continue;
          throw new Error(`${deployment.metadata.name}: ${kind} ${ref.name} is neither rendered nor in secrets.example/`);
        }
        for (const [k, v] of Object.entries(data)) set(`${from.prefix ?? ''}${k}`, String(v), `${kind}/${ref.name}`);
      }
      for (const variable of container.env ?? []) {
        if (variable.value !== undefined) set(variable.name, String(variable.value), 'env');
        else if (variable.valueFrom?.fieldRef) set(variable.name, `field-${variable.valueFrom.fieldRef.fieldPath}`, 'fieldRef');
        else if (variable.valueFrom?.configMapKeyRef) {
          const r = variable.valueFrom.configMapKeyRef;
          const value = configMapData(objects, r.name)?.[r.key];
          if (value === undefined && !r.optional) throw new Error(`${variable.name}: no key ${r.key} in ConfigMap ${r.name}`);
          if (value !== undefined) set(variable.name, value, `ConfigMap/${r.name}`);
        } else if (variable.valueFrom?.secretKeyRef) {
          const r = variable.valueFrom.secretKeyRef;
          const value = secretData(objects, overlay, r.name)?.[r.key];
          if (value === undefined && !r.optional) throw new Error(`${variable.name}: no key ${r.key} in Secret ${r.name}`);
          if (value !== undefined) set(variable.name, value, `Secret/${r.name}`);
        } else set(variable.name, '', 'env');
      }
      result.push({ deployment: deployment.metadata.name, container: container.name, env, source });
    }
  }
  return result;
}
