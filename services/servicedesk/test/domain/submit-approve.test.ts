import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, expect, it } from 'vitest';
import { requestDecider } from '../../src/domain/request.ts';
import { agentId, as, command, deadlines, financeId, happened, item, managerId, monday10, requesterId, strangerId, submit, submitted } from './fixtures.ts';

const spec = deciderSpec(requestDecider);
const later = (hours: number) => new Date(monday10.getTime() + hours * 3_600_000);
const managerChain = [{ step: 'manager', approverId: managerId, teamId: null }];
const financeChain = [...managerChain, { step: 'finance', approverId: null, teamId: 'finance' }];
const approve = (by: string, at: Date) => command('DecideApproval', { decision: 'approve' }, at, as(by));

describe('submitting a request', () => {
  it('records it with the item, its team and policy, and starts both clocks when no approval is needed', () => {
    // One business day (8 h) to the first answer, two to the resolution: Tuesday and Wednesday 10:00.
    spec.given([]).when(submit()).then([submitted(monday10, { deadlines: deadlines('2026-03-03T10:00:00.000Z', '2026-03-04T10:00:00.000Z') })]);
  });

  it('checks the answers against the form and names each field at fault', () => {
    const missing = () => requestDecider.decide(submit(monday10, {}, { urgent: 'yes' }), requestDecider.initialState());
    expect(missing).toThrow(expect.objectContaining({
      code: 'EJP_REQUEST_FORM_INVALID',
      extensions: { errors: [{ path: 'body.answers.assetTag', message: "must have required property 'assetTag'" }, { path: 'body.answers.urgent', message: 'must be boolean' }] },
    }));
    spec.given([]).when(submit(monday10, {}, { assetTag: 'LT' })).thenThrows('EJP_REQUEST_FORM_INVALID');
  });

  it('refuses an unknown or retired item, a second submission, and a manager chain without a manager', () => {
    spec.given([]).when(command('SubmitRequest', { title: 't', answers: {}, item: undefined, managerId, teams: {} }, monday10)).thenThrows('EJP_REQUEST_ITEM_NOT_FOUND');
    spec.given([]).when(submit(monday10, { retired: true })).thenThrows('EJP_REQUEST_ITEM_RETIRED');
    spec.given([submitted()]).when(submit()).thenThrows('EJP_SERVICE_REQUEST_EXISTS');
    const noManager = command('SubmitRequest', { title: 't', answers: { assetTag: 'LT-1' }, item: { ...item, approvalChain: 'manager' }, managerId: null, teams: {} }, monday10);
    spec.given([]).when(noManager).thenThrows('EJP_NO_MANAGER_TO_APPROVE');
  });
});

describe('approvals: none, manager, manager then finance', () => {
  it('waits for the manager, with the clocks stopped, and starts them once approved', () => {
    spec.given([]).when(submit(monday10, { approvalChain: 'manager' })).then([submitted(monday10, { approvals: managerChain })]);
    // Approved at 14:00 on Monday: a business day from then.
    spec
      .given([submitted(monday10, { approvals: managerChain })])
      .when(approve(managerId, later(4)))
      .then([happened('servicedesk.request.approved', later(4), { step: 'manager', approverId: managerId, deadlines: deadlines('2026-03-03T14:00:00.000Z', '2026-03-04T14:00:00.000Z') })]);
  });

  it('goes to an agent of the finance team after the manager', () => {
    const given = [submitted(monday10, { approvals: financeChain }), happened('servicedesk.request.approved', later(1), { step: 'manager', approverId: managerId, deadlines: deadlines(null, null) })];
    spec.given(given).when(approve(managerId, later(2))).thenThrows('EJP_NOT_THE_APPROVER');
    spec.given(given).when(approve(financeId, later(2))).then([
      happened('servicedesk.request.approved', later(2), { step: 'finance', approverId: financeId, deadlines: deadlines('2026-03-03T12:00:00.000Z', '2026-03-04T12:00:00.000Z') }),
    ]);
  });

  it('refuses approvals from anyone else, and a rejection without a reason; a rejection with one closes the request', () => {
    const given = [submitted(monday10, { approvals: managerChain })];
    spec.given(given).when(approve(strangerId, later(1))).thenThrows('EJP_NOT_THE_APPROVER');
    spec.given(given).when(approve(requesterId, later(1))).thenThrows('EJP_NOT_THE_APPROVER');
    spec.given(given).when(command('DecideApproval', { decision: 'reject' }, later(1), as(managerId))).thenThrows('EJP_REJECTION_REASON_REQUIRED');
    const reject = command('DecideApproval', { decision: 'reject', reason: 'Not this year' }, later(1), as(managerId));
    spec.given(given).when(reject).then([happened('servicedesk.request.rejected', later(1), { step: 'manager', approverId: managerId, reason: 'Not this year' })]);
    const rejected = [...given, happened('servicedesk.request.rejected', later(1), { step: 'manager', approverId: managerId, reason: 'Not this year' })];
    spec.given(rejected).when(command('Acknowledge', {}, later(2), as(agentId))).thenThrows('EJP_SERVICE_REQUEST_STATE');
    spec.given(rejected).when(command('Comment', { commentId: agentId, text: 'why?' }, later(2))).thenThrows('EJP_SERVICE_REQUEST_STATE');
  });

  it('approves nothing on a request that needs no approval', () => {
    spec.given([submitted()]).when(approve(managerId, later(1))).thenThrows('EJP_SERVICE_REQUEST_STATE');
  });
});
