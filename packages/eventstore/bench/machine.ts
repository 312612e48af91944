import os from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';

/** What the figures were measured on: they mean little without it. */
export async function describeMachine(databaseUrl: string | undefined): Promise<Record<string, string>> {
  const cpus = os.cpus();
  const machine: Record<string, string> = {
    cpu: `${cpus[0]?.model ?? 'unknown'} (${os.availableParallelism()} cores)`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: new DatabaseSync(':memory:').prepare('SELECT sqlite_version() AS v').get()?.v as string,
  };
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const setting = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name] as string;
      machine.postgres = `${await setting('server_version')} (local, same machine)`;
      // Settings that decide commit cost (server defaults; the benchmark may override synchronous_commit per session).
      const values: string[] = [];
      for (const name of ['synchronous_commit', 'fsync', 'shared_buffers', 'max_connections']) values.push(`${name}=${await setting(name)}`);
      machine['postgres server settings'] = values.join(', ');
    } finally {
      await client.end();
    }
  }
  return machine;
}
