import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh database per store on the DATABASE_URL server, so that neither
 * store sees the other's tables and Emmett can create its own schema. The
 * URL's query string carries session settings to every connection both
 * stores open (e.g. `options=-c synchronous_commit=on`).
 */
export async function createDatabase(serverUrl: string, label: string, sessionSettings: Record<string, string>): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ejp_bench_${label}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const options = Object.entries(sessionSettings).map(([key, value]) => `-c ${key}=${value}`);
  if (options.length > 0) url.searchParams.set('options', options.join(' '));
  return {
    url: url.toString(),
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Flushes dirty pages before a measured phase, so that a checkpoint does not land in one store's run only. Needs superuser; skipped otherwise. */
export async function checkpoint(serverUrl: string): Promise<void> {
  await withAdmin(serverUrl, (admin) => admin.query('CHECKPOINT')).catch(() => undefined);
}

/** SHOW <name> on a connection opened with `url`, to confirm what the stores' sessions run with. */
export async function sessionSetting(url: string, name: string): Promise<string> {
  return withAdmin(url, async (client) => (await client.query(`SHOW ${name}`)).rows[0][name] as string);
}

async function withAdmin<T>(url: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}
