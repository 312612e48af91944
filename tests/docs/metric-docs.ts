import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The metric table of docs/operations.md, and the metrics the code registers,
// for the tests that keep them, the alert rules and the dashboard in step.

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const OPERATIONS_FILE = join(ROOT, 'docs/operations.md');

export interface DocumentedMetric {
  otel: string;
  prometheus: string;
  type: 'counter' | 'gauge' | 'histogram';
}

/** The rows of the table under `## Metrics`. */
export function documentedMetrics(text: string = readFileSync(OPERATIONS_FILE, 'utf8')): DocumentedMetric[] {
  const section = text.slice(text.indexOf('## Metrics'));
  return [...section.matchAll(/^\| `(ejp\.[a-z0-9_.]+)` \| `(ejp_[a-z0-9_]+)` \| (counter|gauge|histogram) \|/gm)].map((m) => ({
    otel: m[1]!,
    prometheus: m[2]!,
    type: m[3] as DocumentedMetric['type'],
  }));
}

/** The derived series the recording rules write (`ejp:...`), as documented. */
export function documentedRecordings(text: string = readFileSync(OPERATIONS_FILE, 'utf8')): string[] {
  return [...text.matchAll(/^\| `(ejp:[a-z0-9_:]+)` \|/gm)].map((m) => m[1]!);
}

/** The Prometheus name the docs give an OTel metric (throws for an undocumented one). */
export function prometheusNameOf(otel: string): string {
  const found = documentedMetrics().find((m) => m.otel === otel);
  if (!found) throw new Error(`${otel} is not in the metric table of docs/operations.md`);
  return found.prometheus;
}

/** How the exporters name a metric: dots to underscores, `_total` on counters. */
export function expectedPrometheusName(metric: Pick<DocumentedMetric, 'otel' | 'type'>): string {
  return metric.otel.replace(/\./g, '_') + (metric.type === 'counter' ? '_total' : '');
}

const INSTRUMENT = /create(Counter|UpDownCounter|Histogram|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)\(\s*'([^']+)'/g;

/** Every instrument registered in the sources of packages/ and services/ (tests excluded), with where. */
export function registeredMetrics(): { name: string; kind: string; file: string }[] {
  const found: { name: string; kind: string; file: string }[] = [];
  for (const top of ['packages', 'services']) {
    for (const file of sourceFiles(join(ROOT, top))) {
      for (const m of readFileSync(file, 'utf8').matchAll(INSTRUMENT)) found.push({ name: m[2]!, kind: m[1]!, file: relative(ROOT, file) });
    }
  }
  return found;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'test') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) yield path;
  }
}

/** The metric names a PromQL expression uses (histogram series mapped back to the histogram). */
export function metricsInQuery(expr: string): string[] {
  return [...expr.matchAll(/\b(ejp[_:][a-z0-9_:]+)/g)].map((m) => m[1]!.replace(/_(bucket|sum|count)$/, ''));
}
