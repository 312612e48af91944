import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Schema names are interpolated into SQL and channel names, so only plain identifiers are accepted. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(schema)) {
    throw new Error(`schema ${JSON.stringify(schema)} must match [a-z_][a-z0-9_]* (at most 50 characters)`);
  }
  return schema;
}

/**
 * A 64-bit advisory-lock key derived from a purpose and the schema, so that
 * stores in different schemas of one database never wait for each other.
 * Inlined as a literal: it lets BEGIN and the lock travel in one round trip.
 */
export function lockKey(purpose: string, schema: string): string {
  return createHash('sha256').update(`ejp.eventstore.${purpose}:${schema}`).digest().readBigInt64BE(0).toString();
}

/** The NOTIFY channel appends in `schema` announce themselves on. */
export function channelOf(schema: string): string {
  return `ejp_events_${schema}`;
}

function ddl(schema: string): string {
  return `
    CREATE SCHEMA IF NOT EXISTS "${schema}";
    CREATE TABLE IF NOT EXISTS "${schema}".events (
      -- Allocated only under the append lock, so positions commit in increasing order (README, "The gap problem").
      -- An aborted append leaves a hole in the numbering, which is harmless: order matters, density does not.
      position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id    uuid        NOT NULL UNIQUE,
      stream_name text        NOT NULL,
      revision    bigint      NOT NULL,
      event_type  text        NOT NULL,
      -- json, not jsonb: the text is kept exactly as written (key order), like the other adapters.
      data        json        NOT NULL,
      metadata    json        NOT NULL,
      -- clock_timestamp(), not now(): now() is the transaction's start, before it waited for the append lock.
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      UNIQUE (stream_name, revision)
    );
    CREATE INDEX IF NOT EXISTS events_by_type ON "${schema}".events (event_type, position);
    CREATE TABLE IF NOT EXISTS "${schema}".checkpoints (
      subscriber_id text   PRIMARY KEY,
      position      bigint NOT NULL
    );
  `;
}

/**
 * Creates the schema, tables and indexes when missing; safe to run at every
 * start and from several processes at once (IF NOT EXISTS alone races on
 * the catalog, hence the lock).
 */
export async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey('migrate', checkSchemaName(schema))})`);
    await client.query(ddl(schema));
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}
