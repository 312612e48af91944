import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { journeyStream } from '@ejp/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { employeeId, hire, hireBody, onboardingUrl, startTestApp, type TestApp } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const welcome = 'Dear Augusta, we are thrilled to have you';
const notes = 'Augusta worries about the on-call rota';

async function recordPersonalData() {
  expect((await hire(t)).statusCode).toBe(201);
  const sent = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/welcome`, headers: await t.as('manager'), payload: { message: welcome } });
  expect(sent.statusCode).toBe(200);
  t.clock.set('2025-04-02T09:00:00Z');
  const checkIn = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/check-ins`, headers: await t.as('manager'), payload: { day: 30, rating: 3, notes } });
  expect(checkIn.statusCode).toBe(200);
}

/** Every byte SQLite has written for the test: the database file, its WAL and anything else in the dir. */
async function bytesOnDisk(): Promise<string> {
  const dir = dirname(t.file);
  const files = await readdir(dir);
  const contents = await Promise.all(files.map((name) => readFile(join(dir, name))));
  return Buffer.concat(contents).toString('latin1');
}

describe('personal data at rest', () => {
  const secrets = [hireBody.givenName, hireBody.familyName, hireBody.email, welcome, notes];

  it('names, email, the welcome message and check-in notes are not in plaintext in the store', async () => {
    await recordPersonalData();
    const raw = JSON.stringify(await t.raw.readStream(journeyStream(employeeId)), (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
    const disk = await bytesOnDisk();
    for (const secret of secrets) {
      expect(raw).not.toContain(secret);
      expect(disk).not.toContain(secret);
    }
    // Non-personal facts stay readable, which is what shows the check above looks at the right bytes.
    expect(raw).toContain(hireBody.department);
    expect(disk).toContain(hireBody.department);
  });

  it('reads through the shredding store give the plaintext back', async () => {
    await recordPersonalData();
    const decrypted = JSON.stringify((await t.store.readStream(journeyStream(employeeId))).map((e) => e.data));
    for (const secret of secrets) expect(decrypted).toContain(secret);
  });

  it('after erasure, a command carrying personal data is refused with 410 and stores nothing', async () => {
    await recordPersonalData();
    await t.store.erase(employeeId);
    const before = await t.raw.readStream(journeyStream(employeeId));
    t.clock.set('2025-05-05T09:00:00Z');
    const checkIn = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/check-ins`, headers: await t.as('manager'), payload: { day: 60, rating: 4, notes: 'More notes' } });
    expect(checkIn.statusCode).toBe(410);
    expect(checkIn.json().code).toBe('EJP_SUBJECT_ERASED');
    expect(await t.raw.readStream(journeyStream(employeeId))).toHaveLength(before.length);
    // Facts without personal data are still accepted: the journey goes on without the person's details.
    const task = await t.app.inject({ method: 'POST', url: `${onboardingUrl()}/tasks/equipment-ready/complete`, headers: await t.as('service') });
    expect(task.statusCode).toBe(200);
  });
});
