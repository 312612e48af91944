import { randomUUID } from 'node:crypto';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { openPostgresEventStore } from '../src/postgres/event-store.ts';
import { openSqliteEventStore } from '../src/sqlite/event-store.ts';
import type { EventStore, EventToAppend, ExpectedRevision } from '../src/port.ts';
import { appendManySql, coalescingAppender } from './prototypes.ts';

/** One store under test. A writer owns a fresh stream and appends `batch` events per call, with the exact expected revision. */
export interface Target {
  readonly name: string;
  writer(stream: string, batch: number): () => Promise<void>;
  close(): Promise<void>;
}

/** The same event shape for every store: a realistic small envelope (~250 bytes of JSON). */
function payload(seq: number): { data: Record<string, string | number>; metadata: Record<string, string> } {
  return {
    data: { employeeId: 'e-0001', seq, kind: 'RecognitionGiven', message: 'Thanks for the onboarding buddy sessions this week!' },
    metadata: { correlationId: randomUUID(), occurredAt: new Date().toISOString(), actor: 'manager-42' },
  };
}

/** Our port: first append 'no-stream', then the revision the previous append returned. */
function portTarget(name: string, store: EventStore): Target {
  return {
    name,
    writer(stream, batch) {
      let expected: ExpectedRevision = 'no-stream';
      let seq = 0;
      return async () => {
        const events: EventToAppend[] = Array.from({ length: batch }, () => ({ id: randomUUID(), type: 'BenchEvent', ...payload(seq++) }));
        expected = (await store.appendToStream(stream, events, { expectedRevision: expected })).nextExpectedRevision;
      };
    },
    close: () => store.close(),
  };
}

export async function sqliteTarget(path: string): Promise<Target> {
  return portTarget('sqlite', await openSqliteEventStore({ path }));
}

export async function postgresTarget(connectionString: string): Promise<Target> {
  return portTarget('postgres', await openPostgresEventStore({ connectionString, schema: 'eventstore' }));
}

/**
 * Emmett's PostgreSQL event store, the peer: STREAM_DOES_NOT_EXIST first
 * (a new stream row, unique by primary key), then the stream version it
 * returned (Emmett versions count events, ours are the last revision; both
 * are exact checks). It creates its schema at the first append, which the
 * warm-up absorbs.
 */
export async function emmettTarget(connectionString: string): Promise<Target> {
  const store = getPostgreSQLEventStore(connectionString);
  await store.schema.migrate();
  return {
    name: 'emmett',
    writer(stream, batch) {
      let expected: bigint | typeof STREAM_DOES_NOT_EXIST = STREAM_DOES_NOT_EXIST;
      let seq = 0;
      return async () => {
        const events = Array.from({ length: batch }, () => ({ type: 'BenchEvent', ...payload(seq++) }));
        expected = (await store.appendToStream(stream, events, { expectedStreamVersion: expected })).nextExpectedStreamVersion;
      };
    },
    close: () => store.close(),
  };
}

/**
 * Not a store: the suggested fix for our PostgreSQL adapter (prototypes.ts:
 * same lock, checks and insert, concurrent appends coalesced into one call
 * and one commit), run in the same rounds as the others so that its ratio to
 * Emmett is measured under the same conditions. Opt-in: BENCH_TARGETS=...,prototype.
 */
export async function prototypeTarget(connectionString: string): Promise<Target> {
  // The adapter's migration creates the same table, in schema `profile`, where the prototype functions live.
  await (await openPostgresEventStore({ connectionString, schema: 'profile', listen: false })).close();
  const pool = new pg.Pool({ connectionString, max: 16 });
  await pool.query(appendManySql);
  const append = coalescingAppender(pool);
  return {
    name: 'prototype',
    writer(stream, batch) {
      let expected = -1n;
      return async () => {
        expected = await append(stream, expected, Array.from({ length: batch }, () => randomUUID()));
      };
    },
    close: () => pool.end(),
  };
}
