import { createHash } from 'node:crypto';
import type pg from 'pg';
import { dayPrecisionPrefixes } from '../timestamp-precision.ts';

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
      -- Allocated only under the append lock (taken by append_events_v1), so positions commit in increasing
      -- order (README, "The gap problem").
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
    ${appendFunctionDdl(schema)}
    ${dayPrecisionDdl(schema)}
  `;
}

/**
 * Streams of a day-precision category (streams.ts, timestampPrecision) keep
 * midnight UTC as their events' recorded_at: a trigger, so that every path
 * into the table (the append function, a future one, a manual INSERT) obeys.
 * The prefix list comes from the category declarations at every migration.
 */
function dayPrecisionDdl(schema: string): string {
  const prefixes = dayPrecisionPrefixes();
  if (prefixes.length === 0) return `DROP TRIGGER IF EXISTS events_day_precision ON "${schema}".events;`;
  const when = prefixes.map((prefix) => `starts_with(NEW.stream_name, '${prefix.replaceAll("'", "''")}')`).join(' OR ');
  return `
    CREATE OR REPLACE FUNCTION "${schema}".events_day_precision_v1() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      NEW.recorded_at := date_trunc('day', NEW.recorded_at, 'UTC');
      RETURN NEW;
    END $fn$;
    CREATE OR REPLACE TRIGGER events_day_precision BEFORE INSERT ON "${schema}".events
      FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION "${schema}".events_day_precision_v1();
  `;
}

/**
 * The append function's name. Versioned: a changed body or signature gets a
 * new name, so that processes of the old and the new version can run side by
 * side against one schema during a rolling deploy.
 */
export function appendFunctionOf(schema: string): string {
  return `"${schema}".append_events_v1`;
}

/**
 * One call appends a group of appends (of different callers) in one
 * transaction: it takes the append lock once, then for each append in turn
 * looks up its ids and its stream's last revision, and either inserts it or
 * reports why not; one NOTIFY for the group. A failed check fails that
 * append only (nothing of it is written), the others go on. Appends later in
 * the group see the inserts of earlier ones, exactly as if run one by one.
 *
 * Per append (`n` = index in the group, from 1) it returns `status`:
 * - `appended`: `head` is the revision before the append (NULL: new stream),
 *   `last_position` the position of its last event;
 * - `stored`: some ids are already stored; `stored_*` say where, and the
 *   client's `decideAppend` (shared with SQLite) tells a retry of the same
 *   append (answer its first result) from a reused id (DuplicateEventIdError);
 * - `wrong-expected-revision`: `head` is the stream's actual last revision.
 *
 * VOLATILE (the default), so every statement after the lock gets a fresh READ
 * COMMITTED snapshot that includes the appends committed before we got it.
 * Custom plans: a plan cached while the table was small (e.g. a sequential
 * scan) would otherwise stay in use as the table grows, until it is analysed.
 */
function appendFunctionDdl(schema: string): string {
  const events = `"${schema}".events`;
  return `
    CREATE OR REPLACE FUNCTION ${appendFunctionOf(schema)}(
      p_streams text[], p_expected text[], p_counts int[],
      p_ids uuid[], p_types text[], p_data json[], p_metadata json[], p_lock boolean
    ) RETURNS TABLE (
      n int, status text, head text, last_position text,
      stored_ids text[], stored_streams text[], stored_revisions text[], stored_positions text[]
    ) LANGUAGE plpgsql SET enable_seqscan = off AS $fn$
    #variable_conflict use_column
    DECLARE
      v_from int := 1;
      v_to int;
      v_head bigint;
      v_expected text;
      v_ok boolean;
      v_inserted boolean := false;
    BEGIN
      IF p_lock THEN PERFORM pg_advisory_xact_lock(${lockKey('append', schema)}); END IF;
      FOR i IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
        v_to := v_from + p_counts[i] - 1;
        n := i; status := NULL; head := NULL; last_position := NULL;
        SELECT array_agg(e.event_id::text), array_agg(e.stream_name), array_agg(e.revision::text), array_agg(e.position::text)
          INTO stored_ids, stored_streams, stored_revisions, stored_positions
          FROM ${events} e WHERE e.event_id = ANY (p_ids[v_from:v_to]);
        SELECT max(e.revision) INTO v_head FROM ${events} e WHERE e.stream_name = p_streams[i];
        head := v_head::text;
        v_expected := p_expected[i];
        v_ok := CASE v_expected
            WHEN 'any' THEN true
            WHEN 'no-stream' THEN v_head IS NULL
            WHEN 'exists' THEN v_head IS NOT NULL
            ELSE v_head IS NOT DISTINCT FROM v_expected::bigint
          END;
        IF stored_ids IS NOT NULL THEN
          status := 'stored';
        ELSIF NOT v_ok THEN
          status := 'wrong-expected-revision';
        ELSE
          WITH inserted AS (
            INSERT INTO ${events} (event_id, stream_name, revision, event_type, data, metadata)
            SELECT b.id, p_streams[i], coalesce(v_head, -1) + b.ord, b.type, b.data, b.metadata
            FROM unnest(p_ids[v_from:v_to], p_types[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to])
                 WITH ORDINALITY AS b(id, type, data, metadata, ord)
            ORDER BY b.ord
            RETURNING position
          )
          SELECT max(inserted.position)::text INTO last_position FROM inserted;
          status := 'appended';
          v_inserted := true;
        END IF;
        RETURN NEXT;
        v_from := v_to + 1;
      END LOOP;
      IF v_inserted THEN PERFORM pg_notify('${channelOf(schema)}', ''); END IF;
    END $fn$;
  `;
}

/**
 * Creates the schema, tables, indexes and the append function when missing; safe to run at every
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
