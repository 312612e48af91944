import { describe, expect, it } from 'vitest';
import * as contract from './contract/index.ts';
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

  it('exports the contract suites from @ejp/eventstore/contract', () => {
    expect(typeof contract.eventStoreContract).toBe('function');
    expect(typeof contract.checkpointStoreContract).toBe('function');
  });
});
