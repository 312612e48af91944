import os from 'node:os';
import { MongoClient } from 'mongodb';
import pg from 'pg';

/** What the figures were measured on: they mean little without it. */
export async function describeMachine(env: { databaseUrl?: string; mongoUrl?: string; kafkaBrokers?: string }): Promise<[string, string][]> {
  const cpus = os.cpus();
  const rows: [string, string][] = [
    ['cpu', `${cpus[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores`],
    ['memory', `${Math.round(os.totalmem() / 2 ** 30)} GiB`],
    ['os', `${os.type()} ${os.release()} ${os.arch()}`],
    ['node', process.version],
    // The machine is shared (other sessions' tests and benchmarks): its load says how quiet the run was.
    ['load average at start (1/5/15 min)', os.loadavg().map((l) => l.toFixed(2)).join(' / ')],
  ];
  if (env.databaseUrl) {
    const client = new pg.Client({ connectionString: env.databaseUrl });
    await client.connect();
    try {
      const { rows: r } = await client.query<{ v: string; s: string }>("SELECT current_setting('server_version') AS v, current_setting('synchronous_commit') AS s");
      rows.push(['postgres', `${r[0]!.v} on loopback (synchronous_commit=${r[0]!.s})`]);
    } finally {
      await client.end();
    }
  }
  if (env.kafkaBrokers) rows.push(['kafka', `${env.kafkaBrokers} (single broker, infra/local)`]);
  if (env.mongoUrl) {
    const client = new MongoClient(env.mongoUrl, { serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    try {
      const info = await client.db('admin').command({ buildInfo: 1 });
      const ferret = (info.ferretdbVersion ?? info.ferretdbFeatures?.version) as string | undefined;
      rows.push(['read-model server', ferret ? `FerretDB ${ferret} (MongoDB ${info.version} wire protocol)` : `MongoDB ${info.version}`]);
    } finally {
      await client.close();
    }
  }
  rows.push(['note', 'servers, services and the benchmark share these cores']);
  return rows;
}
