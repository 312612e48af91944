import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, it } from 'vitest';
import { requestDecider } from '../../src/domain/request.ts';
import { agentId, as, command, commentId, deadlines, happened, monday10, otherAgentId, requesterId, strangerId, submitted } from './fixtures.ts';

const spec = deciderSpec(requestDecider);
const later = (hours: number) => new Date(monday10.getTime() + hours * 3_600_000);
const agent = as(agentId);
const RESOLUTION_DUE = '2026-03-04T10:00:00.000Z';
const acked = happened('servicedesk.request.acknowledged', later(1), { agentId, deadlines: deadlines(null, RESOLUTION_DUE) });
const working = happened('servicedesk.request.work-started', later(2), { agentId, deadlines: deadlines(null, RESOLUTION_DUE) });
const resolved = happened('servicedesk.request.resolved', later(3), { agentId, resolution: 'New SSD', deadlines: deadlines(null, null) });

describe('the lifecycle: acknowledged, in progress, resolved, closed, reopened', () => {
  it('lets an agent of the owning team acknowledge (the first response) and no one else', () => {
    spec.given([submitted()]).when(command('Acknowledge', {}, later(1), agent)).then([acked]);
    spec.given([submitted()]).when(command('Acknowledge', {}, later(1), as(strangerId))).thenThrows('EJP_NOT_AN_AGENT_OF_THE_TEAM');
    spec.given([submitted()]).when(command('Acknowledge', {}, later(1))).thenThrows('EJP_NOT_AN_AGENT_OF_THE_TEAM');
    spec.given([submitted(), acked]).when(command('Acknowledge', {}, later(2), agent)).thenThrows('EJP_SERVICE_REQUEST_STATE');
  });

  it('assigns to an agent of the team only, and assigning again to the same agent records nothing', () => {
    const assign = (to: string) => command('Assign', { agentId: to }, later(1), agent);
    spec.given([submitted()]).when(assign(otherAgentId)).then([happened('servicedesk.request.assigned', later(1), { agentId: otherAgentId, assignedBy: agentId })]);
    spec.given([submitted()]).when(assign(strangerId)).thenThrows('EJP_NOT_AN_AGENT_OF_THE_TEAM');
    spec.given([submitted(), happened('servicedesk.request.assigned', later(1), { agentId: otherAgentId, assignedBy: agentId })]).when(assign(otherAgentId)).then([]);
  });

  it('starts work, resolves, and lets the requester close', () => {
    spec.given([submitted(), acked]).when(command('StartWork', {}, later(2), agent)).then([working]);
    spec.given([submitted(), acked, working]).when(command('Resolve', { resolution: 'New SSD' }, later(3), agent)).then([resolved]);
    spec.given([submitted(), acked, working, resolved]).when(command('Close', {}, later(4))).then([happened('servicedesk.request.closed', later(4), { closedBy: requesterId })]);
    spec.given([submitted(), acked, working]).when(command('Close', {}, later(4))).thenThrows('EJP_SERVICE_REQUEST_STATE');
    spec.given([submitted(), acked, working, resolved]).when(command('Close', {}, later(4), as(strangerId))).thenThrows('EJP_NOT_AN_AGENT_OF_THE_TEAM');
  });

  it('reopens by the requester only; the resolution clock runs on from where it stopped', () => {
    // Three business hours used (10:00-13:00 on Monday); reopened on Tuesday at 09:00, 13 hours are left: Wednesday 17:00 plus... Tuesday 9-17 and Wednesday 9-14.
    const reopen = command('Reopen', { reason: 'It fails again' }, new Date('2026-03-03T09:00:00Z'));
    spec.given([submitted(), acked, working, resolved]).when(reopen).then([
      happened('servicedesk.request.reopened', new Date('2026-03-03T09:00:00Z'), { reason: 'It fails again', deadlines: deadlines(null, '2026-03-04T14:00:00.000Z') }),
    ]);
    spec.given([submitted(), acked, working, resolved]).when(command('Reopen', { reason: 'x' }, later(5), agent)).thenThrows('EJP_NOT_THE_REQUESTER');
    spec.given([submitted(), acked, working]).when(reopen).thenThrows('EJP_SERVICE_REQUEST_STATE');
  });

  it('rates once, by the requester, after the resolution', () => {
    const rate = command('Rate', { rating: 5, comment: 'Fast!' }, later(4));
    const rated = happened('servicedesk.request.rated', later(4), { rating: 5, comment: 'Fast!' });
    spec.given([submitted(), acked, working, resolved]).when(rate).then([rated]);
    spec.given([submitted(), acked, working, resolved, rated]).when(rate).thenThrows('EJP_SERVICE_REQUEST_STATE');
    spec.given([submitted(), acked, working]).when(rate).thenThrows('EJP_SERVICE_REQUEST_STATE');
    spec.given([submitted(), acked, working, resolved]).when(command('Rate', { rating: 1, comment: null }, later(4), agent)).thenThrows('EJP_NOT_THE_REQUESTER');
  });

  it('takes comments from the requester and agents only; an agent comment is a first response', () => {
    const fromAgent = command('Comment', { commentId, text: 'Which model?' }, later(1), agent);
    spec.given([submitted()]).when(fromAgent).then([
      happened('servicedesk.request.commented', later(1), { commentId, authorId: agentId, authorRole: 'agent', text: 'Which model?', deadlines: deadlines(null, RESOLUTION_DUE) }),
    ]);
    spec.given([submitted()]).when(command('Comment', { commentId, text: 'Nosy' }, later(1), as(strangerId))).thenThrows('EJP_NOT_AN_AGENT_OF_THE_TEAM');
  });

  it('knows no request before its submission', () => {
    spec.given([]).when(command('Acknowledge', {}, later(1), agent)).thenThrows('EJP_SERVICE_REQUEST_NOT_FOUND');
  });
});
