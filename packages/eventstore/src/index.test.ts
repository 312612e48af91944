import { describe, expect, it } from 'vitest';
import * as testing from '../test/testing.ts';
import * as eventstore from './index.ts';

describe('entry points', () => {
  it('exports the adapters and helpers from the main entry point', () => {
    for (const name of [
      'openSqliteEventStore',
      'openPostgresEventStore',
      'migratePostgresEventStore',
      'SqliteCheckpointStore',
      'PostgresCheckpointStore',
      'InMemoryCheckpointStore',
      'subscribeWithCheckpoints',
      'exponentialBackoff',
      'WrongExpectedRevisionError',
      'DuplicateEventIdError',
      'InvalidAppendError',
    ]) {
      expect(eventstore, name).toHaveProperty(name);
    }
  });

  it('exports the contract suites and the EventStoreDB fake from @ejp/eventstore/testing only', () => {
    for (const name of ['eventStoreContract', 'checkpointStoreContract', 'keyStoreContract', 'startFakeEsdb']) {
      expect(typeof (testing as Record<string, unknown>)[name], name).toBe('function');
      expect(eventstore, name).not.toHaveProperty(name);
    }
  });
});
