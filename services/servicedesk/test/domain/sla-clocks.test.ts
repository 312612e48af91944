import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, it } from 'vitest';
import { requestDecider } from '../../src/domain/request.ts';
import { agentId, as, command, commentId, deadlines, happened, londonOffice, monday10, policy, submit, submitted } from './fixtures.ts';

const spec = deciderSpec(requestDecider);
const at = (iso: string) => new Date(iso);
const agent = as(agentId);
const acked = happened('servicedesk.request.acknowledged', at('2026-03-02T11:00:00Z'), { agentId, deadlines: deadlines(null, '2026-03-04T10:00:00.000Z') });
const waiting = happened('servicedesk.request.waiting-on-employee', at('2026-03-02T12:00:00Z'), { agentId, deadlines: deadlines(null, null) });

describe('SLA clocks in business hours', () => {
  it('pauses while waiting on the employee, and resumes when they answer', () => {
    spec.given([submitted(), acked]).when(command('WaitOnEmployee', {}, at('2026-03-02T12:00:00Z'), agent)).then([waiting]);
    // Two hours used on Monday; the answer comes on Tuesday at 12:00: 14 hours left, Tuesday 12-17, Wednesday 9-17, Thursday 9-10.
    const reply = command('Comment', { commentId, text: 'It is a T14' }, at('2026-03-03T12:00:00Z'));
    spec.given([submitted(), acked, waiting]).when(reply).then([
      happened('servicedesk.request.commented', at('2026-03-03T12:00:00Z'), { commentId, authorId: submitted().data.requesterId, authorRole: 'requester', text: 'It is a T14', deadlines: deadlines(null, null) }),
      happened('servicedesk.request.resumed', at('2026-03-03T12:00:00Z'), { deadlines: deadlines(null, '2026-03-05T10:00:00.000Z') }),
    ]);
    // An agent may take it back without an answer; resolving while waiting is allowed.
    spec.given([submitted(), acked, waiting]).when(command('Resume', {}, at('2026-03-03T12:00:00Z'), agent)).then([
      happened('servicedesk.request.resumed', at('2026-03-03T12:00:00Z'), { deadlines: deadlines(null, '2026-03-05T10:00:00.000Z') }),
    ]);
  });

  it('does not count holidays', () => {
    // Thursday 2 April 16:00 in London (BST): one hour that day, then Good Friday, the weekend and Easter Monday are off.
    const thursday = at('2026-04-02T15:00:00Z');
    spec.given([]).when(submit(thursday)).then([submitted(thursday, { deadlines: deadlines('2026-04-07T15:00:00.000Z', '2026-04-08T15:00:00.000Z') })]);
  });

  it('records a breach when the watcher checks after a deadline, once', () => {
    const check = command('CheckSla', {}, at('2026-03-03T10:30:00Z'), as('sla-watcher', ['service']));
    const breach = happened('servicedesk.request.sla-breached', at('2026-03-03T10:30:00Z'), { clock: 'first-response', dueAt: '2026-03-03T10:00:00.000Z' });
    spec.given([submitted()]).when(check).then([breach]);
    spec.given([submitted(), breach]).when(check).then([]);
    spec.given([submitted()]).when(command('CheckSla', {}, at('2026-03-03T09:59:00Z'), agent)).then([]);
  });

  it('records a late first response as a breach even if no one checked', () => {
    const late = at('2026-03-03T11:00:00Z');
    spec.given([submitted()]).when(command('Acknowledge', {}, late, agent)).then([
      happened('servicedesk.request.sla-breached', late, { clock: 'first-response', dueAt: '2026-03-03T10:00:00.000Z' }),
      happened('servicedesk.request.acknowledged', late, { agentId, deadlines: deadlines(null, '2026-03-04T10:00:00.000Z') }),
    ]);
  });

  it('never breaches a clock paused before its deadline', () => {
    spec.given([submitted(), acked, waiting]).when(command('CheckSla', {}, at('2026-03-10T10:00:00Z'), agent)).then([]);
  });
});

describe('a policy change while the request is open', () => {
  const longer = { ...policy, resolutionMinutes: 1_440 };
  const recompute = (now: Date, to = longer) => command('RecomputeSla', { policy: to }, now, as('sla-watcher', ['service']));

  it('recomputes the deadlines from the history, pauses included', () => {
    const resumed = happened('servicedesk.request.resumed', at('2026-03-03T12:00:00Z'), { deadlines: deadlines(null, '2026-03-05T10:00:00.000Z') });
    // 2 business hours before the pause, running again since Tuesday 12:00: 22 of 24 hours left, Tuesday 5, Wednesday 8, Thursday 8, Friday 9-10.
    spec.given([submitted(), acked, waiting, resumed]).when(recompute(at('2026-03-03T13:00:00Z'))).then([
      happened('servicedesk.request.sla-recomputed', at('2026-03-03T13:00:00Z'), { policy: longer, deadlines: deadlines(null, '2026-03-06T10:00:00.000Z') }),
    ]);
  });

  it('recomputes on a new calendar, and a breach follows the new deadline, not the old one', () => {
    // A 24/7 desk: two calendar days of resolution from Monday 10:00, already past on Thursday.
    const allWeek = { ...policy, calendar: { ...londonOffice, workingDays: [1, 2, 3, 4, 5, 6, 7], opensAt: '00:00', closesAt: '24:00' } };
    const thursday = at('2026-03-05T10:00:00Z');
    spec.given([submitted(), acked]).when(recompute(thursday, allWeek)).then([
      happened('servicedesk.request.sla-recomputed', thursday, { policy: allWeek, deadlines: deadlines(null, '2026-03-03T02:00:00.000Z') }),
      happened('servicedesk.request.sla-breached', thursday, { clock: 'resolution', dueAt: '2026-03-03T02:00:00.000Z' }),
    ]);
  });

  it('records nothing when the policy is the same, or the request is settled', () => {
    spec.given([submitted()]).when(recompute(monday10, policy)).then([]);
    const closed = [submitted(), acked, happened('servicedesk.request.resolved', monday10, { agentId, resolution: 'ok', deadlines: deadlines(null, null) }), happened('servicedesk.request.closed', monday10, { closedBy: agentId })];
    spec.given(closed).when(recompute(monday10)).then([]);
  });
});
