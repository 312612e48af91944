import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signDevToken } from '@ejp/service-kit';
import { expectStatus, httpClient } from '../e2e/support/http.ts';
import { hireBody, manyTasksPlan } from '../e2e/support/journey.ts';
import { killLeftovers, sleep, startService } from '../e2e/support/service-process.ts';
import { closedLoop, type PhaseResult, type Request } from './standalone/load.ts';
import { ms } from './stats.ts';

// npm run bench:standalone — issue 14's standalone rows: the standalone process
// (`node services/standalone/src/main.ts`, SQLite files in a temp dir on disk)
// against a bare Fastify route on the same files (standalone/bare-server.ts),
// each its own process, driven by the same closed-loop client with N
// connections, in alternating rounds (bare, platform), ratios per round:
//   command: POST .../onboarding/tasks/:taskId/complete (target >= 50 % of bare)
//   read:    GET /employees/:id/timeline, default page (target >= 70 % of bare)
// [--connections 10] [--seconds 5] [--rounds 3] [--employees 400] [--tasks 80] [--phases command,read]

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    employees: { type: 'string', default: '400' },
    tasks: { type: 'string', default: '80' },
    phases: { type: 'string', default: 'command,read' },
  },
});
const connections = Number(args.connections);
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const employees = Number(args.employees);
const tasks = Number(args.tasks);
const phases = new Set(args.phases.split(','));
const SECRET = 'bench-standalone-secret-of-32-characters';
// BENCH_PROFILE_DIR=<dir>: standalone writes a CPU profile there (node --cpu-prof) when it stops.
const profile: Record<string, string> = process.env.BENCH_PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}` } : {};

const dataDir = mkdtempSync(join(os.tmpdir(), 'ejp-bench-standalone-'));
let bare: ChildProcess | undefined;
try {
  console.log(`# bench:standalone ${new Date().toISOString()}`);
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x ${os.availableParallelism()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  console.log(`${connections} connections, ${rounds} rounds x ${seconds} s per phase, ${employees} employees x ${tasks} tasks\n`);

  const standalone = await startService('standalone', { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, DATA_DIR: dataDir, RATE_LIMIT_MAX: '100000000', ...profile });
  const token = await signDevToken({ secret: SECRET, roles: ['hr'] });
  const client = httpClient(standalone.url, token);
  const ids: string[] = [];
  for (let i = 0; i < employees; i++) {
    const hired = expectStatus(await client.post('/employees', hireBody(undefined, manyTasksPlan(tasks))), 201, 'hire');
    ids.push(hired.employeeId);
  }
  const started = await startBare(dataDir);
  bare = started.child;

  const auth = { authorization: `Bearer ${token}` };
  // Task i: employee i mod E, so the connections work on different journeys; each command completes a task still open.
  // (The floor appends to streams of its own, so it needs no open tasks.)
  const completions = (prefix: Record<string, string>, limited: boolean) => {
    let i = 0;
    return (): Request => {
      const at = i++;
      if (limited && at >= employees * tasks) throw new Error('out of open tasks: raise --employees or --tasks');
      return { method: 'POST', path: `/employees/${ids[at % employees]}/onboarding/tasks/t${Math.floor(at / employees) + 1}/complete`, headers: prefix, body: '{}' };
    };
  };
  const timelines = (prefix: Record<string, string>) => () => ({ method: 'GET' as const, path: `/employees/${ids[Math.floor(Math.random() * employees)]}/timeline`, headers: prefix });

  const platformCommands = completions(auth, true);
  const bareCommands = completions({}, false);
  const command: [PhaseResult, PhaseResult][] = [];
  if (phases.has('command')) {
    // Warm both (JIT, sockets).
    await closedLoop(started.url, connections, 1, bareCommands, 200);
    await closedLoop(standalone.url, connections, 1, platformCommands, 200);
  }
  for (let r = 0; r < rounds && phases.has('command'); r++) {
    const b = await closedLoop(started.url, connections, seconds, bareCommands, 200);
    const p = await closedLoop(standalone.url, connections, seconds, platformCommands, 200);
    command.push([b, p]);
  }
  // The reads see every completion projected: wait until the projection caught up.
  await waitProjected(client, ids);
  const read: [PhaseResult, PhaseResult][] = [];
  if (phases.has('read')) {
    await closedLoop(started.url, connections, 1, timelines({}), 200);
    await closedLoop(standalone.url, connections, 1, timelines(auth), 200);
  }
  for (let r = 0; r < rounds && phases.has('read'); r++) {
    const b = await closedLoop(started.url, connections, seconds, timelines({}), 200);
    const p = await closedLoop(standalone.url, connections, seconds, timelines(auth), 200);
    read.push([b, p]);
  }
  if (command.length > 0) print('standalone command: POST task complete', command, 50);
  if (read.length > 0) print('standalone read: GET timeline', read, 70);
  console.log(`standalone exit code after SIGTERM: ${await standalone.stop()}`);
} finally {
  bare?.kill('SIGTERM');
  killLeftovers();
  await sleep(200);
  rmSync(dataDir, { recursive: true, force: true });
}

function print(title: string, results: [PhaseResult, PhaseResult][], target: number): void {
  console.log(`## ${title}, ${connections} connections\n`);
  console.log('| round | bare req/s | platform req/s | ratio | bare p50 / p99 ms | platform p50 / p99 ms |');
  console.log('|---|--:|--:|--:|--:|--:|');
  const ratios = results.map(([b, p]) => p.perSecond / b.perSecond);
  for (const [i, [b, p]] of results.entries()) {
    console.log(`| ${i + 1} | ${b.perSecond.toFixed(0)} | ${p.perSecond.toFixed(0)} | ${(100 * ratios[i]!).toFixed(0)} % | ${ms(b.latency.p50)} / ${ms(b.latency.p99)} | ${ms(p.latency.p50)} / ${ms(p.latency.p99)} |`);
  }
  const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
  console.log(`\nmedian of per-round ratios: **${(100 * median).toFixed(0)} %** of bare (target >= ${target} %)\n`);
}

async function startBare(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./standalone/bare-server.ts', import.meta.url));
  const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let waited = 0; waited < 30_000; waited += 20) {
    const match = /"url":"([^"]+)"/.exec(output);
    if (match) return { child, url: match[1]! };
    if (child.exitCode !== null) throw new Error(`bare server exited with ${child.exitCode}: ${output}`);
    await sleep(20);
  }
  throw new Error(`bare server did not listen: ${output}`);
}

/** Until two sweeps over every journey, a second apart, see the same projected revisions: the bus caught up. */
async function waitProjected(client: ReturnType<typeof httpClient>, employeeIds: string[]): Promise<void> {
  let last = -1;
  for (;;) {
    let sum = 0;
    for (const id of employeeIds) sum += Number(expectStatus(await client.get(`/employees/${id}/journey`), 200, 'journey').projectedRevision);
    if (sum === last) return;
    last = sum;
    await sleep(1000);
  }
}
