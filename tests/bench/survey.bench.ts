// The feedback service under load, each against a bare baseline in the same run:
//  1. a launch burst: responses from 16 concurrent clients through the routes on PostgreSQL,
//     against a bare append of the same events to the same store (target: at least 50 %);
//  2. results at 100,000 responses against results at 1,000 (target: at most 1.5x), with the
//     aggregates built by the survey-results projection.
//
//   source .infra/env && npm run bench:survey -- [--responses 2000] [--rounds 3] [--clients 16] [--sizes 1000,100000] [--queries 300]
//   (--skip-burst runs the results half only: it needs no PostgreSQL)
import { parseArgs } from 'node:util';
import { createDatabase } from '../../packages/eventstore/bench/databases.ts';
import { launchBurst } from './survey/burst.ts';
import { resultsAtSize } from './survey/results-scale.ts';

const { values: args } = parseArgs({
  options: {
    responses: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    clients: { type: 'string', default: '16' },
    sizes: { type: 'string', default: '1000,100000' },
    queries: { type: 'string', default: '300' },
    'skip-burst': { type: 'boolean', default: false },
  },
});
const log = (line: string) => console.log(line);
const databaseUrl = process.env.DATABASE_URL;

if (args['skip-burst']) {
  log('launch burst: skipped (--skip-burst)');
} else if (!databaseUrl) {
  log('DATABASE_URL is not set (source .infra/env): skipping the launch burst on PostgreSQL');
} else {
  log(`launch burst: ${args.responses} responses from ${args.clients} concurrent clients, ${args.rounds} rounds (PostgreSQL, synchronous_commit=on)`);
  const ratios: number[] = [];
  for (let round = 1; round <= Number(args.rounds); round++) {
    const db = await createDatabase(databaseUrl, 'survey', { synchronous_commit: 'on' });
    try {
      const r = await launchBurst({ url: db.url, responses: Number(args.responses), clients: Number(args.clients) });
      ratios.push(r.service / r.bare);
      log(`  round ${round}: service ${r.service.toFixed(0)} responses/s, bare append ${r.bare.toFixed(0)} events/s: ${((100 * r.service) / r.bare).toFixed(1)} %`);
    } finally {
      await db.drop();
    }
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  log(`  median ${(100 * sorted[Math.floor(sorted.length / 2)]!).toFixed(1)} % of the bare append (target >= 50 %)`);
}

const sizes = args.sizes.split(',').map(Number);
log(`results: ${args.queries} GET /surveys/{id}/results at ${sizes.join(' and ')} responses (SQLite read store, aggregates from the projection)`);
const timings = [];
for (const size of sizes) {
  const t = await resultsAtSize({ responses: size, queries: Number(args.queries) });
  timings.push(t);
  log(`  ${size} responses: built in ${(t.buildMs / 1000).toFixed(1)} s; results p50 ${t.p50.toFixed(2)} ms, p99 ${t.p99.toFixed(2)} ms`);
}
const [small, large] = [timings[0]!, timings.at(-1)!];
log(`  ${sizes.at(-1)} vs ${sizes[0]}: p50 ${(large.p50 / small.p50).toFixed(2)}x, p99 ${(large.p99 / small.p99).toFixed(2)}x (target <= 1.5x)`);
