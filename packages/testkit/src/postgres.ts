import pg from 'pg';
import { registerCleanup } from './cleanup.ts';
import { uniqueName } from './names.ts';

/**
 * A fresh database on the given server for one test file, dropped after the
 * file. Returns its connection URL.
 */
export async function createTestDatabase(serverUrl: string, prefix = 'test'): Promise<string> {
  const name = uniqueName(prefix);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  registerCleanup(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
