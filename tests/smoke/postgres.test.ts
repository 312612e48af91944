import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

// Proves the PostgreSQL server the platform's tests use answers from Node.
const server = await findServer('postgres');

describe.runIf(server.available)('PostgreSQL smoke', () => {
  it('round-trips a row through a fresh database', async () => {
    const client = new pg.Client({ connectionString: await createTestDatabase(urlOf(server), 'smoke') });
    await client.connect();
    try {
      await client.query('CREATE TABLE touchpoints (id uuid PRIMARY KEY, title text NOT NULL, at timestamptz NOT NULL)');
      const id = crypto.randomUUID();
      const at = new Date('2026-01-05T09:00:00Z');
      await client.query('INSERT INTO touchpoints VALUES ($1, $2, $3)', [id, 'Welcome message sent', at]);
      const { rows } = await client.query('SELECT id, title, at, version() AS v FROM touchpoints');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id, title: 'Welcome message sent', at });
      expect(rows[0].v).toMatch(/^PostgreSQL \d+/);
    } finally {
      await client.end();
    }
  });
});
