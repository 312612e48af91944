// The image, checked without a Docker engine: the Dockerfile's promises
// (slim Node 24 base, production dependencies, non-root, health check), the
// entrypoint's SERVICE dispatch, and a build context that holds what the
// services need and none of the local state.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerIgnored } from './support/dockerignore.ts';
import { readRepoFile, repoFileExists, repoPath } from './support/paths.ts';

const dockerfile = readRepoFile('Dockerfile');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const stages = instructions.filter((line) => line.startsWith('FROM '));
const runtime = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));

describe('Dockerfile', () => {
  it('builds every stage on node:24-slim', () => {
    expect(instructions).toContain('ARG NODE_IMAGE=node:24-slim');
    for (const stage of stages) expect(stage).toMatch(/^FROM \$\{NODE_IMAGE\} AS \w+$/);
  });

  it('installs production dependencies only, from the lockfile', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev --workspaces/);
  });

  it('runs as the non-root node user, the service chosen by SERVICE', () => {
    expect(runtime).toContain('USER node');
    expect(runtime).toContain('ARG SERVICE=standalone');
    expect(runtime.some((line) => /^ENV SERVICE=\$\{SERVICE\}/.test(line))).toBe(true);
    const entrypoint = runtime.find((line) => line.startsWith('ENTRYPOINT '))!;
    expect(JSON.parse(entrypoint.slice('ENTRYPOINT '.length))).toEqual(['sh', '/app/deploy/docker/entrypoint.sh']);
    expect(repoFileExists('deploy/docker/entrypoint.sh')).toBe(true);
  });

  it('checks /healthz with node (the slim image has no curl)', () => {
    const healthcheck = runtime.find((line) => line.startsWith('HEALTHCHECK '))!;
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/healthz/);
    const script = JSON.parse(healthcheck.slice(healthcheck.indexOf('['))).at(-1) as string;
    expect(() => new Function(script)).not.toThrow(); // valid JavaScript
  });
});

describe('deploy/docker/entrypoint.sh', () => {
  // A stand-in `node` on PATH that prints what it was asked to run.
  const bin = mkdtempSync(join(tmpdir(), 'ejp-entrypoint-'));
  writeFileSync(join(bin, 'node'), '#!/bin/sh\necho "node $*"\n');
  chmodSync(join(bin, 'node'), 0o755);
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  const run = (service: string | undefined) =>
    spawnSync('sh', [repoPath('deploy/docker/entrypoint.sh')], {
      encoding: 'utf8',
      env: { PATH: `${bin}:/usr/bin:/bin`, ...(service === undefined ? {} : { SERVICE: service }) },
    });

  it('execs node on the chosen service main', () => {
    const result = run('relay');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('node services/relay/src/main.ts');
  });

  it('refuses an unset or unknown SERVICE, naming the services there are', () => {
    for (const service of [undefined, 'nope', '../relay']) {
      const result = run(service);
      expect(result.status).toBe(64);
      expect(result.stderr).toMatch(/services in this image: .*relay/);
    }
  });
});

describe('.dockerignore', () => {
  it('keeps the sources, manifests and entrypoint the image needs', () => {
    for (const path of [
      'package.json',
      'package-lock.json',
      'tests/package.json',
      'services/relay/package.json',
      'services/relay/src/main.ts',
      'packages/service-kit/src/index.ts',
      'deploy/docker/entrypoint.sh',
    ]) {
      expect(dockerIgnored(path), path).toBe(false);
    }
  });

  it('leaves out dependencies, local state, secrets and tests', () => {
    for (const path of [
      'node_modules/zod/package.json',
      'packages/eventstore/node_modules/x/index.js',
      '.git/HEAD',
      '.infra/env',
      '.env',
      'data/ejp.db',
      'services/relay/test/relay.test.ts',
      'packages/eventstore/src/append-rules.test.ts',
      'tests/deploy/k8s.test.ts',
      'k8s/base/kustomization.yaml',
      'deploy/compose/eventstore-postgres/relay.env',
    ]) {
      expect(dockerIgnored(path), path).toBe(true);
    }
  });
});
