import { randomUUID } from 'node:crypto';
import { DisclosureStreams } from '@ejp/contracts';
import { signDevToken } from '@ejp/service-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { employeeId, hire, hireBody, SECRET, startTestApp, type TestApp } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const bot = async (scope: string | undefined, roles = ['service']) => ({
  authorization: `Bearer ${await signDevToken({ secret: SECRET, subject: 'it-bot', roles, ...(scope ? { scope } : {}) })}`,
});
const details = async (headers: Record<string, string>, query = '?purpose=account-provisioning', id = employeeId) =>
  t.app.inject({ method: 'GET', url: `/employees/${id}/personal-details${query}`, headers });
const requests = async (id = employeeId) => (await t.raw.readStream(DisclosureStreams.streamOf(id))).map((e) => ({ data: e.data, actor: e.metadata.actor }));

describe('GET /employees/{id}/personal-details', () => {
  it('answers the contact set decrypted to personal-data:contact and records who, which fields and why', async () => {
    expect((await hire(t)).statusCode).toBe(201);
    const res = await details(await bot('tasks:it personal-data:contact'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      employeeId,
      fields: ['givenName', 'familyName', 'email'],
      givenName: hireBody.givenName,
      familyName: hireBody.familyName,
      email: hireBody.email,
    });
    expect(await requests()).toEqual([
      {
        data: { employeeId, outcome: 'disclosed', fields: ['givenName', 'familyName', 'email'], purpose: 'account-provisioning', scopes: ['tasks:it', 'personal-data:contact'] },
        actor: { id: 'it-bot', kind: 'service' },
      },
    ]);
  });

  it('answers only the names to personal-data:name', async () => {
    expect((await hire(t)).statusCode).toBe(201);
    const res = await details(await bot('personal-data:name'));
    expect(res.json()).toEqual({ employeeId, fields: ['givenName', 'familyName'], givenName: hireBody.givenName, familyName: hireBody.familyName });
    expect(res.body).not.toContain(hireBody.email);
  });

  it('refuses 403 without the scope, or with a set nobody declared, and records each refusal', async () => {
    expect((await hire(t)).statusCode).toBe(201);
    for (const headers of [await bot('tasks:it'), await bot('personal-data:salary'), await bot(undefined, ['hr'])]) {
      const res = await details(headers);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.body).not.toContain(hireBody.email);
    }
    const refusals = await requests();
    expect(refusals.map((r) => r.data.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(refusals.map((r) => r.data.scopes)).toEqual([['tasks:it'], ['personal-data:salary'], []]);
    expect(refusals.map((r) => r.actor)).toEqual([
      { id: 'it-bot', kind: 'service' },
      { id: 'it-bot', kind: 'service' },
      { id: 'it-bot', kind: 'hr' },
    ]);
    expect(refusals.every((r) => r.data.purpose === 'account-provisioning' && (r.data.fields as string[]).length === 0)).toBe(true);
  });

  it('requires a purpose in kebab-case, naming the field', async () => {
    expect((await hire(t)).statusCode).toBe(201);
    for (const query of ['', '?purpose=Ada%20asked']) {
      const res = await details(await bot('personal-data:contact'), query);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('purpose');
    }
    expect(await requests()).toEqual([]);
  });

  it('answers 410 after the erasure, 404 for nobody, and records both', async () => {
    expect((await hire(t)).statusCode).toBe(201);
    const erased = await t.app.inject({ method: 'POST', url: `/employees/${employeeId}/erasure`, headers: await t.as('hr'), payload: { reason: 'employee-request' } });
    expect(erased.statusCode).toBe(200);
    const res = await details(await bot('personal-data:contact'));
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ code: 'EJP_SUBJECT_ERASED' });
    const nobody = randomUUID();
    expect((await details(await bot('personal-data:contact'), undefined, nobody)).statusCode).toBe(404);
    expect((await requests()).map((r) => r.data.outcome)).toEqual(['erased']);
    expect((await requests(nobody)).map((r) => r.data.outcome)).toEqual(['not-found']);
  });
});
