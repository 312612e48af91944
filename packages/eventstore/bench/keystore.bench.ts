/**
 * The cost of envelope encryption on reads: reading every employee's journey
 * through the crypto-shredding store on SQLite, with the data keys wrapped
 * by a master key (AES-256-GCM unwrap on every key lookup), against the same
 * store whose key rows hold the key as is (an identity wrapper: what the key
 * store did before), in the same run on the same files.
 *
 *   npm run bench:keystore
 *
 * Environment (optional): BENCH_EMPLOYEES (default 500), BENCH_ROUNDS (default 5).
 * Reported: reads per second of each, the median over rounds, and
 * wrapped / bare as the median of per-round ratios (order alternated per round).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckInRecorded, EmployeeHired, journeyStream, newEvent, WelcomeMessageSent } from '@ejp/contracts';
import { catalogueShreddingPolicy } from '../src/shredding/catalogue-policy.ts';
import { withCryptoShredding } from '../src/shredding/crypto-shredding.ts';
import { type KeyWrapper, localKeyWrapper } from '../src/shredding/key-wrapper.ts';
import { openSqliteKeyStore } from '../src/shredding/sqlite-key-store.ts';
import { openSqliteEventStore } from '../src/sqlite/event-store.ts';
import { describeMachine } from './machine.ts';
import { median } from './workload.ts';

const employees = Number(process.env.BENCH_EMPLOYEES ?? 500);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const context = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'bench', causationId: 'bench' };

/** The baseline: the key stored as is, as before envelope encryption (never for production). */
const bare: KeyWrapper = {
  currentKeyId: 'bare',
  canUnwrap: (id) => id === 'bare',
  wrap: async (dataKey) => ({ masterKeyId: 'bare', wrapped: Buffer.from(dataKey) }),
  unwrap: async ({ wrapped }) => Buffer.from(wrapped),
};

async function setup(name: string, wrapper: KeyWrapper, dir: string) {
  const file = join(dir, `${name}.db`);
  const events = await openSqliteEventStore({ path: file });
  const keys = await openSqliteKeyStore({ path: file, wrapper });
  const store = withCryptoShredding(events, { keys, ...catalogueShreddingPolicy() });
  const streams: string[] = [];
  for (let i = 0; i < employees; i++) {
    const employeeId = randomUUID();
    const hire = { employeeId, givenName: `Given${i}`, familyName: 'Family', email: `e${i}@example.com`, department: 'Eng', role: 'Eng', level: 'L3', managerId: null, location: 'Lisbon', startDate: '2025-03-03' };
    await store.appendToStream(journeyStream(employeeId), [
      newEvent(EmployeeHired, hire, context),
      newEvent(WelcomeMessageSent, { message: `Welcome ${i}` }, context),
      newEvent(CheckInRecorded, { day: 30, rating: 4, notes: `Notes ${i}` }, context),
    ]);
    streams.push(journeyStream(employeeId));
  }
  return {
    name,
    async readAll(): Promise<number> {
      const started = performance.now();
      for (const stream of streams) await store.readStream(stream);
      return streams.length / ((performance.now() - started) / 1000);
    },
    close: async () => {
      await keys.close();
      await events.close();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ejp-keystore-bench-'));
try {
  console.log(JSON.stringify(await describeMachine(undefined)));
  const wrapped = await setup('wrapped', localKeyWrapper([randomBytes(32)]), dir);
  const baseline = await setup('bare', bare, dir);
  await wrapped.readAll();
  await baseline.readAll(); // warm-up
  const rates: Record<string, number[]> = { wrapped: [], bare: [] };
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [wrapped, baseline] : [baseline, wrapped];
    const measured: Record<string, number> = {};
    for (const target of order) measured[target.name] = await target.readAll();
    rates.wrapped!.push(measured.wrapped!);
    rates.bare!.push(measured.bare!);
    ratios.push(measured.wrapped! / measured.bare!);
  }
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  console.log(`journey reads/s over ${employees} employees (3 events each, 3 personal fields decrypted), ${rounds} rounds, median [min-max]:`);
  for (const name of ['bare', 'wrapped'] as const) console.log(`  ${name.padEnd(8)} ${fmt(median(rates[name]!))} [${fmt(Math.min(...rates[name]!))}-${fmt(Math.max(...rates[name]!))}]`);
  console.log(`  wrapped / bare: ${median(ratios).toFixed(2)}x [${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}]`);
  await wrapped.close();
  await baseline.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
