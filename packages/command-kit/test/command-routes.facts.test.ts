import { commandRoute, type EventReader, foldEvents } from '@ejp/command-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type LedgerApp, startLedgerApp } from './fixtures/app.ts';
import { AccountParams, accountId, accountStream, type LedgerCommand, LedgerError, ledgerCodec, ledgerDecider, ledgerRoutes } from './fixtures/ledger.ts';

// A row whose command needs a fact from ANOTHER stream: a matched deposit is
// capped by what the sponsor account holds. toCommand reads it (async) through
// the read-only port, so the decider itself stays pure.
const sponsorId = '0b9a8c7d-6e5f-4d3c-8b2a-1f0e9d8c7b6a';
const seen: EventReader[] = [];
const route = commandRoute<LedgerCommand>();
const matched = route({
  method: 'POST', url: '/accounts/:accountId/matched-deposits', operationId: 'matchDeposit', access: { roles: ['employee'] }, status: 200,
  summary: 'Deposit what a sponsor matches', params: AccountParams, body: z.object({ sponsorId: z.uuid(), amount: z.int().positive() }),
  toCommand: async ({ params, body }, { events }) => {
    seen.push(events);
    // The sponsor's state, folded as the handler folds the ledger's own stream.
    const sponsor = foldEvents(ledgerDecider, ledgerCodec, await events.readStream(accountStream(body.sponsorId)));
    if (sponsor.status !== 'open') throw new LedgerError('EJP_TEST_ACCOUNT_NOT_FOUND', `No sponsor account ${body.sponsorId}.`, { accountStatus: sponsor.status });
    return { type: 'Deposit', data: { accountId: params.accountId, amount: Math.min(body.amount, sponsor.balance), valueDate: '2025-03-03' } };
  },
});

let t: LedgerApp;
afterEach(async () => {
  await t.close();
});

describe('a row whose toCommand loads facts first', () => {
  it('awaits it and decides the command it built from another stream’s events, reading that stream only', async () => {
    t = await startLedgerApp({ routes: [...ledgerRoutes, matched] });
    await t.openAccount();
    const opened = await t.app.inject({ method: 'POST', url: '/accounts', headers: await t.as('hr'), payload: { accountId: sponsorId, owner: 'Sponsor', openingDeposit: 30 } });
    expect(opened.statusCode).toBe(201);
    const sponsorBefore = await t.raw.readStream(accountStream(sponsorId));

    const response = await t.app.inject({ method: 'POST', url: `/accounts/${accountId}/matched-deposits`, headers: await t.as('employee'), payload: { sponsorId, amount: 100 } });
    expect(response.statusCode).toBe(200);
    const last = (await t.store.readStream(accountStream(accountId))).at(-1)!;
    expect(last).toMatchObject({ type: 'test.account.deposited', data: { amount: 30 } });
    expect(await t.raw.readStream(accountStream(sponsorId))).toEqual(sponsorBefore);
    // Read only: the port offers nothing that writes.
    expect(Object.keys(seen.at(-1)!)).toEqual(['readStream']);
  });

  it('maps a domain error thrown while loading like one thrown by decide, appending nothing', async () => {
    t = await startLedgerApp({ routes: [...ledgerRoutes, matched] });
    await t.openAccount();
    const before = await t.raw.readStream(accountStream(accountId));
    const response = await t.app.inject({ method: 'POST', url: `/accounts/${accountId}/matched-deposits`, headers: await t.as('employee'), payload: { sponsorId, amount: 5 } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'EJP_TEST_ACCOUNT_NOT_FOUND', accountStatus: 'none' });
    expect(await t.raw.readStream(accountStream(accountId))).toEqual(before);
  });
});
