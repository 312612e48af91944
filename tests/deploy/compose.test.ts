// docker-compose.yml is valid Compose (the specification's JSON schema) and
// follows the platform's rules: health checks, start order on health, the
// Kafka version of infra/local, dev ports on loopback only.
import { existsSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import composeSpec from './schemas/compose-spec.schema.json' with { type: 'json' };
import { loadCompose } from './support/compose.ts';
import { readRepoFile, repoPath } from './support/paths.ts';

const compose = loadCompose();
const services = Object.entries(compose.services);
const platformImage = compose.services.onboarding.image as string;
/** Services `docker compose up` starts (no profile), and of those the platform's own. */
const defaultServices = services.filter(([, s]) => !s.profiles);
const eventStoreChoices = readdirSync(repoPath('deploy/compose'))
  .filter((name) => name.startsWith('eventstore-'))
  .map((name) => name.replace('eventstore-', ''));

describe('docker-compose.yml', () => {
  it('validates against the Compose specification', () => {
    // The spec is draft-07, ajv's default; its `$schema` spells the draft's URL
    // in a way ajv does not know, so it is left out. strict: false: the spec
    // uses annotations (e.g. `deprecated`) that ajv does not enforce.
    const { $schema: _draft, ...schema } = composeSpec;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const choice of eventStoreChoices) {
      const file = loadCompose({ EJP_EVENTSTORE: choice });
      expect(validate(file) ? [] : validate.errors, `EJP_EVENTSTORE=${choice}`).toEqual([]);
    }
  });

  it('runs the platform services from the one image, each picking its SERVICE', () => {
    const platform = services.filter(([, s]) => s.environment?.SERVICE);
    expect(platform.map(([name]) => name).sort()).toEqual(['feedback', 'growth', 'journey-api', 'offboarding', 'onboarding', 'projector', 'recognition', 'relay', 'servicedesk', 'standalone', 'webhooks']);
    for (const [name, service] of platform) {
      expect(service.image, name).toBe(platformImage);
      expect(service.build, name).toBe('.');
      expect(service.environment.SERVICE, name).toBe(name);
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
    }
  });

  it('has a health check for every service it starts by default, and starts each after its dependencies are healthy', () => {
    for (const [name, service] of defaultServices) {
      // The platform image brings its own HEALTHCHECK (Dockerfile).
      const checked = service.healthcheck?.test !== undefined || service.image === platformImage;
      expect(checked, `${name} health check`).toBe(true);
      for (const [dependency, condition] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} -> ${dependency}`).toMatchObject({ condition: 'service_healthy' });
      }
    }
  });

  it('runs the Kafka version infra/local runs', () => {
    const local = /KAFKA_VERSION="\$\{EJP_KAFKA_VERSION:-([^}]+)\}"/.exec(readRepoFile('infra/local/lib/kafka.sh'))?.[1];
    expect(local).toBeDefined();
    expect(compose.services.kafka.image).toBe(`apache/kafka:${local}`);
  });

  it('publishes ports on 127.0.0.1 only (dev credentials, insecure EventStoreDB)', () => {
    for (const [name, service] of services) {
      for (const port of service.ports ?? []) expect(String(port), name).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('finds every env file and bind-mounted file, for every event store choice', () => {
    expect(eventStoreChoices.sort()).toEqual(['esdb', 'postgres']);
    for (const choice of eventStoreChoices) {
      for (const [name, service] of Object.entries(loadCompose({ EJP_EVENTSTORE: choice }).services)) {
        for (const file of [service.env_file ?? []].flat()) expect(existsSync(repoPath(file)), `${name}: ${file}`).toBe(true);
        for (const volume of service.volumes ?? []) {
          const source = String(volume).split(':')[0]!;
          if (source.startsWith('.')) expect(existsSync(repoPath(source)), `${name}: ${source}`).toBe(true);
        }
      }
    }
  });

  it('wires the OpenTelemetry collector config: every pipeline component is defined', () => {
    const config = parse(readRepoFile('infra/otel/collector.yaml'));
    for (const [pipeline, spec] of Object.entries<Record<string, string[]>>(config.service.pipelines)) {
      for (const section of ['receivers', 'processors', 'exporters']) {
        for (const component of spec[section] ?? []) {
          expect(config[section]?.[component], `${pipeline}: ${section}.${component}`).toBeDefined();
        }
      }
    }
    expect(config.receivers.otlp.protocols.http.endpoint).toMatch(/:4318$/);
  });
});
