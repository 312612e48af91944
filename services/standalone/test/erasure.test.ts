import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRedacted, journeyStream } from '@ejp/contracts';
import { openShreddingEventStore } from '@ejp/eventstore';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { http, isoDate, killLeftovers, startProcess, tempDataDir } from './support.ts';

const data = tempDataDir();
afterEach(() => killLeftovers());
afterAll(() => data.remove());

const GIVEN = 'Zenobia';
const FAMILY = 'Quillfeather-Marchetti';
const WORDS = 'Zenobia would love a standing desk';

/** The journey as the owner of DATA_DIR reads it: the events file decrypted with the master key beside it. */
async function readAsOwner(employeeId: string) {
  const closers: (() => Promise<void> | void)[] = [];
  const { store } = await openShreddingEventStore(
    { EVENTSTORE_URL: join(data.dir, 'events.db'), KEYSTORE_MASTER_KEY_FILE: join(data.dir, 'master.key') },
    { add: (_n, close) => closers.push(close) },
  );
  try {
    return await store.readStream(journeyStream(employeeId));
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

describe('right to erasure in the one process, on SQLite', () => {
  it('leaves the plaintext in no file of DATA_DIR, no log line, and not even readable with the master key', async () => {
    const app = await startProcess(data.dir);
    const employeeId = randomUUID();
    const base = `/employees/${employeeId}`;
    const email = `zenobia.${employeeId.slice(0, 8)}@quillfeather.example`;
    const secrets = [GIVEN, FAMILY, email, WORDS];
    const hire = { employeeId, givenName: GIVEN, familyName: FAMILY, email, department: 'Design', role: 'Designer', level: 'IC2', managerId: null, location: 'Porto', startDate: isoDate(-35) };
    expect((await http(app.url, 'POST', '/employees', hire)).status).toBe(201);
    expect((await http(app.url, 'POST', `${base}/onboarding/welcome`, { message: `Welcome, ${GIVEN}!` })).status).toBe(200);
    expect((await http(app.url, 'POST', `${base}/onboarding/check-ins`, { day: 30, rating: 4, notes: WORDS })).status).toBe(200);
    expect(JSON.stringify((await readAsOwner(employeeId)).map((e) => e.data))).toContain(WORDS);

    const erased = await http(app.url, 'POST', `${base}/erasure`, { reason: 'consent-withdrawn' });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const journey = await http(app.url, 'GET', `${base}/journey?minRevision=${erased.body.revision}`);
    expect(journey.body.erasedAt).toEqual(expect.any(String));
    const audit = await http(app.url, 'GET', `/audit-trail?action=erasure&subject=${employeeId}`);
    expect(audit.body.items).toEqual([expect.objectContaining({ type: 'journey.employee.erased', data: { reason: 'consent-withdrawn' } })]);
    expect((await http(app.url, 'POST', `${base}/onboarding/check-ins`, { day: 60, rating: 5 })).status).toBe(410);
    const logs = app.output();
    expect(await app.stop()).toBe(0);

    // Every byte of DATA_DIR (databases, WAL, shared memory), the master key aside, and the process's log.
    const files = readdirSync(data.dir).filter((name) => name !== 'master.key');
    expect(files).toEqual(expect.arrayContaining(['events.db', 'read-models.db']));
    const disk = files.map((name) => readFileSync(join(data.dir, name)).toString('latin1')).join('\n');
    for (const [place, text] of Object.entries({ disk, logs })) {
      expect(text, `${place} holds the employee`).toContain(employeeId);
      for (const secret of secrets) expect(text, `${place} holds "${secret}"`).not.toContain(secret);
    }
    const after = await readAsOwner(employeeId);
    expect(JSON.stringify(after.map((e) => e.data))).not.toMatch(new RegExp(secrets.join('|')));
    expect([after[0]!.data.givenName, after[0]!.data.familyName, after[0]!.data.email].every(isRedacted)).toBe(true);
  }, 60_000);
});
