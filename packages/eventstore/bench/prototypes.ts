import type pg from 'pg';

/**
 * Prototypes of the changes suggested for the PostgreSQL adapter, for
 * measurement only (postgres-profile.ts): the same design as the adapter
 * (store-wide advisory lock held to commit, expected-revision and id checks,
 * insert, NOTIFY) with fewer round trips. Only the happy path and the two
 * checks are modelled; a real version would return the stored places of
 * reused ids so that `decideAppend` can answer retries.
 */

/** One append = one autocommit call: the lock is held for server-side work and the commit, not for network round trips. */
export const appendOneSql = `
  CREATE OR REPLACE FUNCTION profile.append_events(p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data json[], p_metadata json[])
  RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE v_head bigint;
  BEGIN
    PERFORM pg_advisory_xact_lock(4242);
    SELECT coalesce(max(revision), -1) INTO v_head FROM profile.events WHERE stream_name = p_stream;
    IF v_head <> p_expected THEN RAISE EXCEPTION 'wrong expected revision %, actual %', p_expected, v_head; END IF;
    IF EXISTS (SELECT 1 FROM profile.events WHERE event_id = ANY(p_ids)) THEN RAISE EXCEPTION 'duplicate id'; END IF;
    INSERT INTO profile.events (event_id, stream_name, revision, event_type, data, metadata)
    SELECT id, p_stream, v_head + ord, type, data, metadata
    FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS b(id, type, data, metadata, ord) ORDER BY ord;
    PERFORM pg_notify('ejp_events_profile', '');
    RETURN v_head + array_length(p_ids, 1);
  END $$;
`;

/**
 * Several appends (of different callers) in one call and one transaction:
 * each is checked and inserted in turn, a failed check fails that append
 * only. One lock acquisition and one WAL flush for the whole group — group
 * commit, which a lock held across COMMIT otherwise rules out.
 */
export const appendManySql = `
  CREATE OR REPLACE FUNCTION profile.append_many(p_streams text[], p_expected bigint[], p_counts int[], p_ids uuid[], p_types text[], p_data json[], p_metadata json[])
  RETURNS TABLE (head bigint, ok boolean) LANGUAGE plpgsql AS $$
  DECLARE v_head bigint; v_from int := 1; v_to int; i int;
  BEGIN
    PERFORM pg_advisory_xact_lock(4242);
    FOR i IN 1 .. array_length(p_streams, 1) LOOP
      v_to := v_from + p_counts[i] - 1;
      SELECT coalesce(max(revision), -1) INTO v_head FROM profile.events WHERE stream_name = p_streams[i];
      IF v_head <> p_expected[i] OR EXISTS (SELECT 1 FROM profile.events WHERE event_id = ANY(p_ids[v_from:v_to])) THEN
        head := v_head; ok := false;
      ELSE
        INSERT INTO profile.events (event_id, stream_name, revision, event_type, data, metadata)
        SELECT id, p_streams[i], v_head + ord, type, data, metadata
        FROM unnest(p_ids[v_from:v_to], p_types[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to])
             WITH ORDINALITY AS b(id, type, data, metadata, ord) ORDER BY ord;
        head := v_head + p_counts[i]; ok := true;
      END IF;
      v_from := v_to + 1;
      RETURN NEXT;
    END LOOP;
    PERFORM pg_notify('ejp_events_profile', '');
  END $$;
`;

interface Pending {
  stream: string;
  expected: bigint;
  ids: string[];
  resolve: (head: bigint) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent appends of one process: while a call is in flight,
 * new appends queue; when it returns, everything queued goes in the next
 * call. No added latency when idle (a lone append is sent at once), and
 * groups grow with load — the lock is taken once per group. With
 * maxInFlight 2, the next group already waits for the lock on the server
 * while the current one commits, hiding a network round trip.
 */
export function coalescingAppender(pool: pg.Pool, maxInFlight = 1): (stream: string, expected: bigint, ids: string[]) => Promise<bigint> {
  let queue: Pending[] = [];
  let inFlight = 0;
  const flush = async () => {
    if (inFlight >= maxInFlight || queue.length === 0) return;
    const group = queue;
    queue = [];
    inFlight++;
    try {
      const ids = group.flatMap((p) => p.ids);
      const { rows } = await pool.query<{ head: string; ok: boolean }>(
        'SELECT head, ok FROM profile.append_many($1, $2::bigint[], $3::int[], $4::uuid[], $5::text[], $6::json[], $7::json[])',
        [
          group.map((p) => p.stream),
          group.map((p) => p.expected.toString()),
          group.map((p) => p.ids.length),
          ids,
          ids.map(() => 'Profiled'),
          ids.map(() => '{"n":1}'),
          ids.map(() => '{}'),
        ],
      );
      for (const [i, p] of group.entries()) {
        if (rows[i]!.ok) p.resolve(BigInt(rows[i]!.head));
        else p.reject(new Error(`conflict on ${p.stream}`));
      }
    } catch (error) {
      for (const p of group) p.reject(error);
    } finally {
      inFlight--;
      void flush();
    }
  };
  return (stream, expected, ids) =>
    new Promise<bigint>((resolve, reject) => {
      queue.push({ stream, expected, ids, resolve, reject });
      void flush();
    });
}
