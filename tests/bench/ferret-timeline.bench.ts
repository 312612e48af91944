// The FerretDB timeline query against the size of the read model (issue 14: 2k and
// 100k employees at most 1.5x of 1k), on its own: the same seeding and query
// rounds as the FerretDB part of bench:e2e (ferret-scale.ts), without the rest.
//
//   MONGO_URL=mongodb://127.0.0.1:<port>/ node tests/bench/ferret-timeline.bench.ts [--sizes 1000,2000,10000] [--queries 100]
import { parseArgs } from 'node:util';
import { ferretTimelineScale } from './ferret-scale.ts';
import { cleanup } from './infra.ts';

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '1000,2000,10000' }, queries: { type: 'string', default: '100' } } });
const url = process.env.MONGO_URL;
if (!url) throw new Error('MONGO_URL is not set: start FerretDB (infra/local/up ferretdb) and export it');
const sizes = args.sizes.split(',').map(Number);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
try {
  const result = await ferretTimelineScale(url, sizes, Number(args.queries));
  const base = [...result.steps[0]!.samples].sort((a, b) => a - b);
  for (const step of result.steps) {
    const sorted = [...step.samples].sort((a, b) => a - b);
    console.log(
      `${step.employees} employees (seeded in ${step.seedSeconds.toFixed(1)} s): timeline p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms; ` +
        `vs ${sizes[0]}: p50 ${(quantile(sorted, 0.5) / quantile(base, 0.5)).toFixed(2)}x, p99 ${(quantile(sorted, 0.99) / quantile(base, 0.99)).toFixed(2)}x (target <= 1.5x)`,
    );
  }
  console.log(`explain of the old indexed find on rm_timeline: filterPushdown ${result.explain.filterPushdown}, sortPushdown ${result.explain.sortPushdown}`);
} finally {
  await cleanup();
}
