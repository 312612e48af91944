import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { findKubectl } from '../deploy/support/kustomize.ts';
import { documentedMetrics, documentedRecordings, metricsInQuery, ROOT } from './metric-docs.ts';

// The operations kit (k8s/observability) and the collector config (infra/otel)
// against the documented metrics; the rules through promtool (Debian's
// prometheus package, which .ci/run installs when it is missing).
const RULES = join(ROOT, 'k8s/observability/alert-rules.yaml');
const RULE_TESTS = join(ROOT, 'k8s/observability/alert-rules.test.yaml');
const DASHBOARD = join(ROOT, 'k8s/observability/grafana-dashboard.json');
const COLLECTOR = join(ROOT, 'infra/otel/collector.yaml');

const known = new Set([...documentedMetrics().map((m) => m.prometheus), ...documentedRecordings()]);
const promtool = (...args: string[]) => execFileSync('promtool', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// Like kubectl for the deploy suites: missing, the promtool checks skip, or fail under REQUIRE_INFRA=1.
const hasPromtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasPromtool) {
  const reason = 'promtool not found: apt-get install -y prometheus';
  if (process.env.REQUIRE_INFRA === '1') throw new Error(`REQUIRE_INFRA=1 but ${reason}`);
  console.warn(`[observability] skipping the promtool checks: ${reason}`);
}
const kubectl = findKubectl();

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
}
const rules = (parse(readFileSync(RULES, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

describe('k8s/observability', () => {
  it.runIf(hasPromtool)('the rules pass promtool check rules', () => {
    expect(promtool('check', 'rules', RULES)).toContain('SUCCESS');
  });

  it.runIf(hasPromtool)('the alerts fire as their tests say (promtool test rules)', () => {
    expect(promtool('test', 'rules', RULE_TESTS)).toContain('SUCCESS');
  });

  it('has the alerts the docs promise: projection lag, dead letters, relay stalled, the SLOs', () => {
    const alerts = rules.flatMap((r) => (r.alert ? [r.alert] : []));
    const documented = [...readFileSync(join(ROOT, 'docs/operations.md'), 'utf8').matchAll(/^\| `(Ejp[A-Za-z]+)` \|/gm)].map((m) => m[1]!);
    expect(alerts.sort()).toEqual(documented.sort());
    expect(alerts).toEqual(expect.arrayContaining(['EjpProjectionLagging', 'EjpDeadLetters', 'EjpRelayStalled', 'EjpSuggestionsOverdue', 'EjpServiceRequestsBreachingFirstResponse']));
  });

  it('the rules and the dashboard query documented metrics only', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
    const queries = [...rules.map((r) => ({ where: r.alert ?? r.record!, expr: r.expr })), ...dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: p.title, expr: t.expr })))];
    for (const { where, expr } of queries) {
      const used = metricsInQuery(expr);
      expect(used.length, `${where} queries no ejp metric`).toBeGreaterThan(0);
      for (const name of used) expect(known, `${where}: ${name}`).toContain(name);
    }
    const recorded = rules.flatMap((r) => (r.record ? [r.record] : []));
    expect(recorded.sort()).toEqual(documentedRecordings().sort());
  });

  it('the dashboard shows every documented metric', () => {
    const text = readFileSync(DASHBOARD, 'utf8');
    const shown = new Set(metricsInQuery(text));
    const recordedFrom = new Set(rules.flatMap((r) => (r.record ? metricsInQuery(r.expr) : [])));
    for (const metric of documentedMetrics()) expect(shown.has(metric.prometheus) || recordedFrom.has(metric.prometheus), metric.prometheus).toBe(true);
  });
});

describe.runIf(kubectl.available)('kubectl kustomize k8s/observability', () => {
  it('renders the rules and the dashboard as ConfigMaps holding the files as they are', () => {
    const out = execFileSync(kubectl.available ? kubectl.path : 'kubectl', ['kustomize', join(ROOT, 'k8s/observability')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const maps = parseAllDocuments(out).map((doc) => doc.toJS() as { kind: string; metadata: { name: string }; data: Record<string, string> });
    expect(maps.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(['ConfigMap/ejp-grafana-dashboard', 'ConfigMap/ejp-prometheus-rules']);
    expect(maps.find((m) => m.metadata.name === 'ejp-prometheus-rules')!.data['alert-rules.yaml']).toBe(readFileSync(RULES, 'utf8'));
    expect(maps.find((m) => m.metadata.name === 'ejp-grafana-dashboard')!.data['grafana-dashboard.json']).toBe(readFileSync(DASHBOARD, 'utf8'));
  });
});

describe('infra/otel/collector.yaml', () => {
  it('serves OTLP metrics to Prometheus under the documented names, and traces to Jaeger', () => {
    const config = parse(readFileSync(COLLECTOR, 'utf8')) as {
      exporters: Record<string, Record<string, unknown>>;
      service: { pipelines: Record<string, { receivers: string[]; exporters: string[] }> };
    };
    expect(config.service.pipelines.metrics).toMatchObject({ receivers: ['otlp'], exporters: expect.arrayContaining(['prometheus']) });
    expect(config.service.pipelines.traces).toMatchObject({ receivers: ['otlp'], exporters: expect.arrayContaining(['otlp/jaeger']) });
    // Counters get `_total` and names keep their unit where they have one: as a service's own endpoint names them.
    expect(config.exporters.prometheus).toMatchObject({ add_metric_suffixes: true });
    for (const metric of documentedMetrics()) {
      if (metric.type === 'histogram') expect(metric.otel, 'a histogram name ends in its unit').toMatch(/\.seconds$/);
    }
  });

  it('is what the compose Prometheus scrapes, with the rules of k8s/observability', () => {
    const exporter = (parse(readFileSync(COLLECTOR, 'utf8')) as { exporters: { prometheus: { endpoint: string } } }).exporters.prometheus;
    const prometheus = parse(readFileSync(join(ROOT, 'infra/otel/prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    expect(prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets))).toContain(`otel-collector:${exporter.endpoint.split(':').at(-1)}`);
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { volumes?: string[] }> };
    const mounts = compose.services.prometheus?.volumes ?? [];
    for (const file of prometheus.rule_files) expect(mounts).toContain(`./k8s/observability/alert-rules.yaml:${file}:ro`);
    if (hasPromtool) expect(promtool('check', 'config', '--syntax-only', join(ROOT, 'infra/otel/prometheus.yml'))).toContain('SUCCESS');
  });
});
