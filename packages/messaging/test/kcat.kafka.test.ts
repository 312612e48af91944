import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findServer, uniqueName, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';
import { appendJourneys, openTempStore } from './support/journey-events.ts';
import { adapters } from './support/kafka-clients.ts';
import { eventually } from './support/kafka-read.ts';
import { startRelay } from './support/relay-fixture.ts';

const run = promisify(execFile);
const kafkaServer = await findServer('kafka');
const kcat = await run('kcat', ['-V']).then(
  () => true,
  () => false,
);
if (!kcat && process.env.REQUIRE_INFRA === '1') {
  throw new Error('REQUIRE_INFRA=1 but kcat is not installed (Debian/Ubuntu: apt-get install -y kcat)');
}
if (!kcat) console.warn('[kcat] skipping: kcat is not installed (apt-get install -y kcat)');

interface KcatRecord {
  key: string;
  payload: string;
  headers: string[] | null;
  partition: number;
}

// A client we did not write (librdkafka, via kcat) reads what the relay wrote.
describe.runIf(kafkaServer.available && kcat).each(adapters)('Journey events published through %s, read by kcat', (adapter) => {
  it('shows the CloudEvents ce_ headers, the employee key and the JSON data', async () => {
    const brokers = urlOf(kafkaServer);
    const { store, path, checkpoints } = await openTempStore();
    const topic = uniqueName('relay_kcat');
    const [employee] = await appendJourneys(store, 1, 2);
    const relay = await startRelay({ client: adapter, store, checkpoints, path, brokers, topic, relayId: topic });
    await eventually(() => relay.published === 2, 'two events published');
    await relay.stop();

    const { stdout } = await run('kcat', ['-b', brokers, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], { timeout: 20_000 });
    const records = stdout.trim().split('\n').map((line) => JSON.parse(line) as KcatRecord);
    expect(records).toHaveLength(2);
    for (const record of records) {
      // kcat prints headers as a flat [name, value, name, value...] list.
      const pairs = record.headers ?? [];
      const headers = Object.fromEntries(Array.from({ length: pairs.length / 2 }, (_, i) => [pairs[2 * i], pairs[2 * i + 1]]));
      expect(record.key).toBe(employee);
      expect(headers).toMatchObject({ ce_specversion: '1.0', ce_subject: employee, 'content-type': 'application/json' });
      expect(Object.keys(headers)).toEqual(
        expect.arrayContaining(['ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_streamrevision', 'ce_globalposition', 'ce_correlationid', 'ce_causationid', 'ce_traceparent', 'ce_dataversion']),
      );
      expect(() => JSON.parse(record.payload)).not.toThrow();
    }
    expect(records.map((r) => r.headers?.[r.headers.indexOf('ce_type') + 1])).toEqual(['journey.employee.hired', 'journey.onboarding.task-completed']);
  });
});
