import { AssertionError } from 'node:assert';
import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, expect, it } from 'vitest';
import { accountId, type LedgerCommand, ledgerDecider, type LedgerEvent } from './fixtures/ledger.ts';

const spec = deciderSpec(ledgerDecider);
const opened: LedgerEvent = { type: 'test.account.opened', data: { accountId, owner: 'Ada', currency: 'EUR' } };
const deposit: LedgerCommand = { type: 'Deposit', data: { accountId, amount: 5, valueDate: '2025-03-03' }, metadata: { now: new Date('2025-03-03T09:00:00Z') } };
const deposited: LedgerEvent = { type: 'test.account.deposited', data: { amount: 5, valueDate: '2025-03-03' } };

describe('deciderSpec', () => {
  it('passes when decide on the folded givens returns the expected events or throws the expected code', () => {
    spec.given([opened]).when(deposit).then([deposited]);
    spec.given([]).when(deposit).thenThrows('EJP_TEST_ACCOUNT_NOT_FOUND');
    spec.given([]).when(deposit).thenThrows((error) => (error as Error).message.includes(accountId));
  });

  it('fails on other events, another code, or no error at all', () => {
    expect(() => spec.given([opened]).when(deposit).then([])).toThrow(AssertionError);
    expect(() => spec.given([]).when(deposit).thenThrows('EJP_TEST_ACCOUNT_EXISTS')).toThrow(/expected EJP_TEST_ACCOUNT_EXISTS, got/);
    expect(() => spec.given([opened]).when(deposit).thenThrows('EJP_TEST_ACCOUNT_NOT_FOUND')).toThrow(/but decide returned/);
  });
});
