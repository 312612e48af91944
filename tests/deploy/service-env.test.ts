// The variables the manifests and the compose file set match what each
// service reads (its zod config schema, tests/deploy/service-configs.ts):
// none unknown (a typo or a stale name), none required missing, and the whole
// environment passes the service's own validation, cross-variable rules included.
import { existsSync, readdirSync } from 'node:fs';
import { describeConfig, loadConfig } from '@ejp/service-kit';
import { describe, expect, it } from 'vitest';
import { entrypointVariables, pendingServices, serviceConfigSchemas } from './service-configs.ts';
import { loadCompose, serviceEnv } from './support/compose.ts';
import { containerEnvs } from './support/k8s-env.ts';
import { findKubectl, overlayNames, renderOverlay } from './support/kustomize.ts';
import { repoPath } from './support/paths.ts';

interface Deployed {
  /** One deployment of the whole platform: a compose variant or a Kubernetes overlay. */
  set: string;
  where: string;
  service: string;
  env: Record<string, string>;
}

/** Unknown and missing-required names, and the service's own verdict on the values. */
function check({ service, env }: Deployed): { unknown: string[]; missing: string[]; invalid: string } {
  const schema = serviceConfigSchemas[service]!;
  const variables = describeConfig(schema);
  const known = new Set([...variables.map((v) => v.name), ...entrypointVariables]);
  const unknown = Object.keys(env).filter((name) => !known.has(name));
  const missing = variables.filter((v) => v.required && !env[v.name]).map((v) => v.name);
  let invalid = '';
  try {
    loadConfig(schema, env);
  } catch (error) {
    invalid = (error as Error).message;
  }
  return { unknown, missing, invalid };
}

function expectMatches(deployed: Deployed) {
  expect(check(deployed), `${deployed.where} (${deployed.service})`).toEqual({ unknown: [], missing: [], invalid: '' });
}

const eventStoreChoices = readdirSync(repoPath('deploy/compose'))
  .filter((name) => name.startsWith('eventstore-'))
  .map((name) => name.replace('eventstore-', ''));

const composeDeployments: Deployed[] = eventStoreChoices.flatMap((choice) =>
  Object.entries(loadCompose({ EJP_EVENTSTORE: choice }).services)
    .filter(([, s]) => s.environment?.SERVICE)
    .map(([name, s]) => ({
      set: `compose EJP_EVENTSTORE=${choice}`,
      where: `compose ${name} (EJP_EVENTSTORE=${choice})`,
      service: s.environment.SERVICE,
      env: serviceEnv(s),
    })),
);

const kubectl = findKubectl();
let rendered: Deployed[] | undefined;
const k8sDeployments = (): Deployed[] =>
  (rendered ??= kubectl.available
    ? overlayNames().flatMap((overlay) =>
        containerEnvs(renderOverlay(kubectl.path, overlay), overlay).map((c) => ({
          set: `k8s ${overlay}`,
          where: `k8s ${overlay} ${c.deployment}/${c.container}`,
          service: c.env.SERVICE ?? '(no SERVICE)',
          env: c.env,
        })),
      )
    : []);

describe('service registry (tests/deploy/service-configs.ts)', () => {
  it('has a schema for every deployed service that has one in its package', () => {
    const deployed = new Set(composeDeployments.map((d) => d.service));
    for (const service of deployed) {
      if (serviceConfigSchemas[service]) continue;
      expect(pendingServices, `${service} is deployed but not in the registry`).toContain(service);
      // Pending until the service has a config module: then register it.
      expect(existsSync(repoPath('services', service, 'src/config.ts')), `register ${service}'s schema`).toBe(false);
    }
  });

  it('lists variables with descriptions for every registered schema', () => {
    for (const [service, schema] of Object.entries(serviceConfigSchemas)) {
      expect(describeConfig(schema).length, service).toBeGreaterThan(0);
    }
  });
});

describe('docker-compose.yml environment', () => {
  const checkable = composeDeployments.filter((d) => serviceConfigSchemas[d.service]);
  it.each(checkable.map((d) => [d.where, d] as const))('%s matches its config schema', (_where, deployed) => {
    expectMatches(deployed);
  });
});

describe.runIf(kubectl.available)('Kubernetes environment', () => {
  const deployments = k8sDeployments();

  it('runs only registered services', () => {
    expect(deployments.map((d) => d.service).filter((s) => !serviceConfigSchemas[s])).toEqual([]);
  });

  it.each(deployments.map((d) => [d.where, d] as const))('%s matches its config schema', (_where, deployed) => {
    expectMatches(deployed);
  });
});

describe('shared settings', () => {
  it('agree between the services of each deployment: topic, brokers, event store, read store', () => {
    const all = [...composeDeployments, ...k8sDeployments()].filter((d) => serviceConfigSchemas[d.service]);
    for (const set of new Set(all.map((d) => d.set))) {
      const config = Object.fromEntries(
        all.filter((d) => d.set === set).map((d) => [d.service, loadConfig(serviceConfigSchemas[d.service]!, d.env) as Record<string, unknown>]),
      );
      expect(config.projector?.PROJECTOR_TOPIC, set).toBe(config.relay?.RELAY_TOPIC);
      expect(config.projector?.KAFKA_BROKERS, set).toBe(config.relay?.KAFKA_BROKERS);
      for (const variable of ['READSTORE_BACKEND', 'READSTORE_URL', 'READSTORE_DATABASE', 'READSTORE_PREFIX']) {
        expect(config.projector?.[variable], `${set} ${variable}`).toBe(config['journey-api']?.[variable]);
      }
      for (const variable of ['EVENTSTORE_BACKEND', 'EVENTSTORE_URL', 'EVENTSTORE_SCHEMA']) {
        expect(config.onboarding?.[variable], `${set} ${variable}`).toBe(config.relay?.[variable]);
        // Recognition's events reach Kafka only through the relay's store.
        expect(config.recognition?.[variable], `${set} recognition ${variable}`).toBe(config.relay?.[variable]);
        // So do the growth centre's.
        expect(config.growth?.[variable], `${set} growth ${variable}`).toBe(config.relay?.[variable]);
      }
    }
  });
});
