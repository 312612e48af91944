import { envelopeOf } from '@ejp/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { type LedgerApp, openBody, startLedgerApp } from './fixtures/app.ts';
import { accountId, accountStream, ledgerRoutes } from './fixtures/ledger.ts';

let t: LedgerApp;
afterEach(async () => {
  await t.close();
});

const stream = accountStream(accountId);

describe('a row of the route table', () => {
  it('answers its status with Location, the ETag of the revision and the result body', async () => {
    t = await startLedgerApp();
    const response = await t.openAccount();
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe(`/accounts/${accountId}`);
    expect(response.headers.etag).toBe('"1"');
    const stored = await t.raw.readStream(stream);
    expect(response.json()).toEqual({
      accountId,
      revision: '1',
      events: stored.map((e) => ({ id: e.id, type: e.type, revision: e.revision.toString() })),
    });
    expect(Object.keys(response.json())).toEqual(['accountId', 'revision', 'events']);
  });

  it('records who (the first route role the caller holds), which request, flow and trace caused the events, at the clock', async () => {
    t = await startLedgerApp();
    await t.openAccount();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await t.deposit({ amount: 5, valueDate: '2025-03-04' }, { 'x-correlation-id': 'flow-9', 'x-request-id': 'req-3', traceparent }, ['hr', 'employee']);
    expect(response.statusCode).toBe(200);
    const last = (await t.store.readStream(stream)).at(-1)!;
    expect(envelopeOf(last)).toMatchObject({
      actor: { id: 'hr-1', kind: 'employee' }, // the deposit row lists employee before hr
      correlationId: 'flow-9',
      causationId: 'req-3',
      traceparent,
      occurredAt: t.clock.now.toISOString(),
    });
  });

  it('enforces the row’s roles and schemas: 401, 403, 400 naming the field', async () => {
    t = await startLedgerApp();
    expect((await t.app.inject({ method: 'POST', url: '/accounts', payload: openBody })).statusCode).toBe(401);
    const forbidden = await t.app.inject({ method: 'DELETE', url: `/accounts/${accountId}`, headers: await t.as('employee') });
    expect(forbidden.json()).toMatchObject({ status: 403, code: 'EJP_FORBIDDEN' });
    const invalid = await t.app.inject({ method: 'POST', url: '/accounts/not-a-uuid/deposits', headers: await t.as('employee'), payload: { amount: -1, valueDate: 'x' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['params.accountId']));
    expect(await t.raw.readStream(stream)).toEqual([]);
  });

  it('access self: a caller admitted only as employee is refused on another subject before anything is loaded', async () => {
    // The deposit row, declared for the account named in the path (the account as the "employee") and for hr.
    const routes = ledgerRoutes.map((row) => (row.operationId === 'deposit' ? { ...row, access: { roles: ['hr' as const], self: 'accountId' } } : row));
    t = await startLedgerApp({ routes });
    const body = { amount: 5, valueDate: '2025-03-04' };
    const onNobody = await t.deposit(body); // no such account yet: the same answer as for an existing one
    await t.openAccount();
    const onExisting = await t.deposit(body);
    expect([onNobody.statusCode, onExisting.statusCode]).toEqual([403, 403]);
    expect(onNobody.json()).toEqual({ ...onExisting.json(), instance: onNobody.json().instance });
    expect(onExisting.json()).toMatchObject({ code: 'EJP_FORBIDDEN' });
    // Admitted by another role of the row (hr), the same caller may.
    expect((await t.deposit(body, {}, ['employee', 'hr'])).statusCode).toBe(200);
  });

  it('works inside a prefixed app.register scope', async () => {
    t = await startLedgerApp({ prefix: '/ledger' });
    const response = await t.app.inject({ method: 'POST', url: '/ledger/accounts', headers: await t.as('hr'), payload: openBody });
    expect(response.statusCode).toBe(201);
  });

  it('is documented: operationId, tags, the command headers and the kit’s problem responses', async () => {
    t = await startLedgerApp();
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const operation = doc.paths['/accounts/{accountId}/deposits'].post;
    expect(operation).toMatchObject({ operationId: 'deposit', tags: ['ledger'], summary: 'Deposit money' });
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['idempotency-key', 'if-match', 'accountId']));
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409', '410', '412', '422', '500']));
    expect(doc.paths['/accounts'].post.operationId).toBe('openAccount');
    expect(Object.keys(doc.paths['/accounts'].post.responses)).toContain('201');
  });
});

describe('errors, mapped once by the kit', () => {
  it('a domain error answers the status its code was registered with, and its extensions', async () => {
    t = await startLedgerApp();
    const unknown = await t.deposit({ amount: 5, valueDate: '2025-03-04' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'EJP_TEST_ACCOUNT_NOT_FOUND', accountStatus: 'none', detail: `No open account ${accountId}.` });
    await t.openAccount();
    const past = await t.deposit({ amount: 5, valueDate: '2025-03-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ code: 'EJP_TEST_VALUE_DATE_PAST', today: '2025-03-03' });
  });

  it('a domain code nobody registered is a 500 that reveals nothing', async () => {
    t = await startLedgerApp();
    await t.openAccount();
    const response = await t.deposit({ amount: 13, valueDate: '2025-03-04' });
    expect(response.statusCode).toBe(500);
    expect(response.json().code).toBe('EJP_INTERNAL');
    expect(response.body).not.toContain('Unlucky');
  });

  it('410 EJP_SUBJECT_ERASED for personal data about an erased subject; facts without it still go in', async () => {
    t = await startLedgerApp();
    await t.openAccount();
    await t.store.erase(accountId);
    const before = await t.raw.readStream(stream);
    const withNote = await t.deposit({ amount: 5, valueDate: '2025-03-04', note: 'for Ada’s birthday' });
    expect(withNote.statusCode).toBe(410);
    expect(withNote.json().code).toBe('EJP_SUBJECT_ERASED');
    expect(await t.raw.readStream(stream)).toEqual(before);
    expect((await t.deposit({ amount: 5, valueDate: '2025-03-04' })).statusCode).toBe(200);
  });
});
