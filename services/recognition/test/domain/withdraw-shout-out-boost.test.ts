import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, it } from 'vitest';
import { createGivingDecider } from '../../src/domain/giving.ts';
import { ada, admin, boost, boosted, boostId, earlierId, employment, give, given, giverId, hasCode, manager, recognitionId, shoutOut, withdraw, withdrawn } from './fixtures.ts';

const spec = deciderSpec(createGivingDecider({ timeZone: 'Europe/Berlin' }));
const until = '2025-03-11T10:00:00.000Z';
const march = { month: '2025-03', allowance: 100, boost: 0 };

describe('withdrawing a recognition', () => {
  it('by the giver within the window returns the points it was funded with', () => {
    spec.given([boosted(30), given({ month: '2025-03', allowance: 70, boost: 30 })]).when(withdraw('2025-03-10T12:00:00.000Z')).then([withdrawn({ month: '2025-03', allowance: 70, boost: 30 })]);
  });

  it('the window includes its last instant and not one millisecond more', () => {
    spec.given([given(march, { withdrawableUntil: until })]).when(withdraw(until)).then([withdrawn(march)]);
    spec.given([given(march, { withdrawableUntil: until })]).when(withdraw('2025-03-11T10:00:00.001Z')).thenThrows(hasCode('EJP_WITHDRAW_WINDOW_CLOSED', { withdrawableUntil: until }));
  });

  it('only by the giver', () => {
    spec.given([given(march)]).when(withdraw('2025-03-10T12:00:00.000Z', { withdrawnBy: { id: ada, roles: ['employee', 'hr'] } })).thenThrows('EJP_NOT_GIVER');
  });

  it('of a recognition the giver gave, once', () => {
    spec.given([]).when(withdraw('2025-03-10T12:00:00.000Z')).thenThrows('EJP_RECOGNITION_NOT_FOUND');
    spec.given([given(march), withdrawn(march)]).when(withdraw('2025-03-10T12:00:00.000Z')).thenThrows('EJP_ALREADY_WITHDRAWN');
  });

  it('returned points can be given again: the allowance to its month, the boost to the balance', () => {
    const returned = [boosted(30), given({ month: '2025-03', allowance: 100, boost: 30 }), withdrawn({ month: '2025-03', allowance: 100, boost: 30 })];
    spec.given(returned).when(give({ pointsPerRecipient: 65 })).then([
      {
        type: 'journey.recognition.given',
        data: {
          recognitionId,
          recipientIds: give().data.recipientIds,
          values: ['ownership'],
          message: 'Thank you for the launch!',
          pointsPerRecipient: 65,
          visibility: 'public',
          funding: { month: '2025-03', allowance: 100, boost: 30 },
          withdrawableUntil: '2025-03-11T10:00:00.000Z',
        },
      },
    ]);
  });

  it('points given in March and withdrawn on 1 April go back to March: April’s allowance does not grow', () => {
    const lastEvening = [given(march, { withdrawableUntil: '2025-04-01T20:00:00.000Z' })];
    const april = '2025-04-01T08:00:00.000Z';
    spec.given(lastEvening).when(withdraw(april)).then([withdrawn(march)]);
    spec.given([...lastEvening, withdrawn(march)]).when(give({ pointsPerRecipient: 51 }, { at: april })).thenThrows(hasCode('EJP_ALLOWANCE_EXCEEDED', { month: '2025-04', allowanceLeft: 100 }));
  });
});

describe('a team shout-out', () => {
  it('is one event for a department, without points', () => {
    spec.given([given(march)]).when(shoutOut()).then([
      {
        type: 'journey.shout-out.given',
        data: { recognitionId, audience: { kind: 'department', department: 'Engineering' }, values: ['customer-obsession'], message: 'Great quarter!', withdrawableUntil: until },
      },
    ]);
  });

  it('to a team needs its manager employed, and active values', () => {
    spec.given([]).when(shoutOut({ audience: { kind: 'team', managerId: manager } }, { employment: employment({ [manager]: 'departed' }) })).thenThrows('EJP_EMPLOYEE_DEPARTED');
    spec.given([]).when(shoutOut({ values: ['move-fast'] })).thenThrows('EJP_UNKNOWN_COMPANY_VALUE');
    spec.given([]).when(shoutOut({}, { employment: employment({ [giverId]: 'departed' }) })).thenThrows('EJP_EMPLOYEE_DEPARTED');
  });

  it('can be withdrawn in its window; there are no points to return', () => {
    const shouted = { type: 'journey.shout-out.given' as const, data: { ...shoutOut().data, recognitionId: earlierId, withdrawableUntil: until } };
    const { facts: _, giverId: __, ...data } = shouted.data;
    spec.given([{ type: shouted.type, data }]).when(withdraw('2025-03-10T12:00:00.000Z')).then([withdrawn(null)]);
  });
});

describe('an allowance boost', () => {
  it('is granted by an admin to an employed colleague', () => {
    spec.given([]).when(boost(50)).then([{ type: 'journey.allowance.boost-granted', data: { boostId, points: 50 } }]);
  });

  it('needs the admin role', () => {
    spec.given([]).when(boost(50, { by: { id: 'hr-1', roles: ['hr', 'manager'] } })).thenThrows('EJP_ADMIN_REQUIRED');
  });

  it('is whole points, at least one, for someone still employed', () => {
    spec.given([]).when(boost(0)).thenThrows('EJP_INVALID_POINTS');
    spec.given([]).when(boost(1.5)).thenThrows('EJP_INVALID_POINTS');
    spec.given([]).when(boost(10, { by: admin, employment: employment({ [giverId]: 'departed' }) })).thenThrows('EJP_EMPLOYEE_DEPARTED');
  });
});
