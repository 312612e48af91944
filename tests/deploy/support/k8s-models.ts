import type { K8sObject } from './kustomize.ts';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/**
 * The kubernetes-models class of an object: the package's module path is the
 * apiVersion plus the kind (`apps/v1` + `Deployment` ->
 * `kubernetes-models/apps/v1/Deployment`; core `v1/Service`). Throws for a
 * kind the package does not model, so nothing goes unvalidated.
 */
export async function modelFor(object: Pick<K8sObject, 'apiVersion' | 'kind'>): Promise<ModelClass> {
  if (!/^[a-z0-9.-]+(\/[a-z0-9]+)?$/.test(object.apiVersion) || !/^[A-Za-z]+$/.test(object.kind)) {
    throw new Error(`not a Kubernetes type: ${object.apiVersion} ${object.kind}`);
  }
  const specifier = `kubernetes-models/${object.apiVersion}/${object.kind}`;
  const module = (await import(/* @vite-ignore */ specifier)) as Record<string, ModelClass>;
  const model = module[object.kind];
  if (!model) throw new Error(`kubernetes-models has no ${object.apiVersion} ${object.kind}`);
  return model;
}

/** Validates against the Kubernetes OpenAPI schema; throws with the failing paths. */
export async function validateObject(object: K8sObject): Promise<void> {
  const Model = await modelFor(object);
  new Model(object.kind === 'Secret' ? unwrapSecretData(object) : object).validate();
}

/**
 * Newer kustomize folds long base64 values over several lines. The API server
 * decodes them ignoring line breaks (Go's base64), the schema's `byte` format
 * does not: compare what the server would see.
 */
function unwrapSecretData(secret: K8sObject): K8sObject {
  if (!secret.data) return secret;
  const data = Object.fromEntries(Object.entries<string>(secret.data).map(([k, v]) => [k, v.replace(/[\r\n]/g, '')]));
  return { ...secret, data };
}
