import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, it } from 'vitest';
import { createGivingDecider } from '../../src/domain/giving.ts';
import { ada, boosted, earlierId, employment, give, given, giverId, grace, hasCode, recognitionId, settings } from './fixtures.ts';

const berlin = deciderSpec(createGivingDecider({ timeZone: 'Europe/Berlin' }));
const utc = deciderSpec(createGivingDecider({ timeZone: 'UTC' }));

const recognitionGiven = (funding: { month: string; allowance: number; boost: number }, at = '2025-03-10T10:00:00.000Z', hours = 24, recipients = [ada, grace], points = 10) => ({
  type: 'journey.recognition.given' as const,
  data: {
    recognitionId,
    recipientIds: recipients,
    values: ['ownership'],
    message: 'Thank you for the launch!',
    pointsPerRecipient: points,
    visibility: 'public' as const,
    funding,
    withdrawableUntil: new Date(Date.parse(at) + hours * 3_600_000).toISOString(),
  },
});

describe('giving a recognition', () => {
  it('spends points per recipient from the month’s allowance and records the withdraw deadline', () => {
    berlin.given([]).when(give()).then([recognitionGiven({ month: '2025-03', allowance: 20, boost: 0 })]);
  });

  it('a thank-you without points spends nothing', () => {
    berlin.given([]).when(give({ pointsPerRecipient: 0 })).then([recognitionGiven({ month: '2025-03', allowance: 0, boost: 0 }, undefined, 24, [ada, grace], 0)]);
  });

  it('the withdraw deadline follows the window in the settings', () => {
    berlin.given([]).when(give({}, { settings: settings({ withdrawWindowHours: 48 }) })).then([recognitionGiven({ month: '2025-03', allowance: 20, boost: 0 }, undefined, 48)]);
  });
});

describe('the monthly allowance', () => {
  it('may be spent to the last point (default 100)', () => {
    berlin.given([given({ month: '2025-03', allowance: 80, boost: 0 })]).when(give()).then([recognitionGiven({ month: '2025-03', allowance: 20, boost: 0 })]);
  });

  it('is never overspent: 409 with what is left', () => {
    berlin
      .given([given({ month: '2025-03', allowance: 90, boost: 0 })])
      .when(give())
      .thenThrows(hasCode('EJP_ALLOWANCE_EXCEEDED', { month: '2025-03', requested: 20, allowanceLeft: 10, boostLeft: 0 }));
  });

  it('is the size the settings say', () => {
    berlin.given([]).when(give({ pointsPerRecipient: 16 }, { settings: settings({ monthlyAllowance: 30 }) })).thenThrows(hasCode('EJP_ALLOWANCE_EXCEEDED', { allowanceLeft: 30 }));
    berlin.given([given({ month: '2025-03', allowance: 90, boost: 0 })]).when(give({}, { settings: settings({ monthlyAllowance: 200 }) })).then([recognitionGiven({ month: '2025-03', allowance: 20, boost: 0 })]);
  });

  it('refreshes next month, and what was unspent does not roll over', () => {
    // February used up: March starts at 100 again.
    berlin.given([given({ month: '2025-02', allowance: 100, boost: 0 })]).when(give({ pointsPerRecipient: 50 })).then([recognitionGiven({ month: '2025-03', allowance: 100, boost: 0 }, undefined, 24, [ada, grace], 50)]);
    // February unspent: March still has only 100.
    berlin.given([]).when(give({ pointsPerRecipient: 51 })).thenThrows(hasCode('EJP_ALLOWANCE_EXCEEDED', { requested: 102, allowanceLeft: 100 }));
  });

  describe('refreshes on the 1st in the organisation’s time zone, not in UTC', () => {
    const spentInMarch = [given({ month: '2025-03', allowance: 100, boost: 0 })];

    it('23:30 UTC on 31 March is 1 April (01:30 CEST) in Berlin: a fresh allowance', () => {
      const at = '2025-03-31T23:30:00.000Z';
      berlin.given(spentInMarch).when(give({}, { at })).then([recognitionGiven({ month: '2025-04', allowance: 20, boost: 0 }, at)]);
      // The same instant for an organisation in UTC is still March, used up.
      utc.given(spentInMarch).when(give({}, { at })).thenThrows(hasCode('EJP_ALLOWANCE_EXCEEDED', { month: '2025-03', allowanceLeft: 0 }));
    });

    it('one second before midnight in Berlin it is still March', () => {
      berlin.given(spentInMarch).when(give({}, { at: '2025-03-31T21:59:59.000Z' })).thenThrows(hasCode('EJP_ALLOWANCE_EXCEEDED', { month: '2025-03' }));
      berlin.given(spentInMarch).when(give({}, { at: '2025-03-31T22:00:00.000Z' })).then([recognitionGiven({ month: '2025-04', allowance: 20, boost: 0 }, '2025-03-31T22:00:00.000Z')]);
    });

    it('in winter (CET, UTC+1) the month turns at 23:00 UTC', () => {
      const spentInJanuary = [given({ month: '2025-01', allowance: 100, boost: 0 })];
      berlin.given(spentInJanuary).when(give({}, { at: '2025-01-31T22:59:59.000Z' })).thenThrows(hasCode('EJP_ALLOWANCE_EXCEEDED', { month: '2025-01' }));
      berlin.given(spentInJanuary).when(give({}, { at: '2025-01-31T23:00:00.000Z' })).then([recognitionGiven({ month: '2025-02', allowance: 20, boost: 0 }, '2025-01-31T23:00:00.000Z')]);
    });
  });
});

describe('allowance boosts', () => {
  it('are spent only after the base allowance', () => {
    berlin.given([boosted(50), given({ month: '2025-03', allowance: 90, boost: 0 })]).when(give()).then([recognitionGiven({ month: '2025-03', allowance: 10, boost: 10 })]);
    berlin.given([boosted(50)]).when(give()).then([recognitionGiven({ month: '2025-03', allowance: 20, boost: 0 })]);
  });

  it('roll over: a boost unspent in February still gives in March, and only what is left of it', () => {
    const february = [boosted(50), given({ month: '2025-02', allowance: 100, boost: 20 })];
    berlin.given(february).when(give({ pointsPerRecipient: 65 })).then([recognitionGiven({ month: '2025-03', allowance: 100, boost: 30 }, undefined, 24, [ada, grace], 65)]);
    berlin.given(february).when(give({ pointsPerRecipient: 66 })).thenThrows(hasCode('EJP_ALLOWANCE_EXCEEDED', { requested: 132, allowanceLeft: 100, boostLeft: 30 }));
  });
});

describe('the rules of a recognition', () => {
  it('no self-recognition', () => {
    berlin.given([]).when(give({ recipientIds: [ada, giverId] })).thenThrows('EJP_SELF_RECOGNITION');
  });

  it.each([
    ['none', []],
    ['eleven', Array.from({ length: 11 }, (_, i) => `22222222-2222-4222-8222-2222222222${String(i).padStart(2, '0')}`)],
    ['the same one twice', [ada, ada]],
  ])('1 to 10 different recipients: refuses %s', (_, recipientIds) => {
    berlin.given([]).when(give({ recipientIds })).thenThrows('EJP_INVALID_RECIPIENTS');
  });

  it('ten recipients are fine', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `22222222-2222-4222-8222-2222222222${String(i).padStart(2, '0')}`);
    const active = employment(Object.fromEntries(ten.map((id) => [id, 'active' as const])));
    berlin.given([]).when(give({ recipientIds: ten, pointsPerRecipient: 1 }, { employment: active })).then([recognitionGiven({ month: '2025-03', allowance: 10, boost: 0 }, undefined, 24, ten, 1)]);
  });

  it.each([2.5, -1, Number.NaN])('whole, non-negative points: refuses %s', (pointsPerRecipient) => {
    berlin.given([]).when(give({ pointsPerRecipient })).thenThrows('EJP_INVALID_POINTS');
  });

  it('tags only active company values of the settings; a retired one is refused and named', () => {
    berlin.given([]).when(give({ values: ['ownership', 'be-nice'] })).thenThrows(hasCode('EJP_UNKNOWN_COMPANY_VALUE', { unknown: ['be-nice'], retired: [] }));
    berlin.given([]).when(give({ values: ['move-fast'] })).thenThrows(hasCode('EJP_UNKNOWN_COMPANY_VALUE', { unknown: ['move-fast'], retired: ['move-fast'] }));
    berlin.given([]).when(give({ values: [] })).thenThrows('EJP_UNKNOWN_COMPANY_VALUE');
  });

  it('the giver and every recipient must be hired and not departed', () => {
    berlin.given([]).when(give({}, { employment: employment({ [giverId]: 'departed' }) })).thenThrows(hasCode('EJP_EMPLOYEE_DEPARTED', { employees: { [giverId]: 'departed' } }));
    berlin.given([]).when(give({}, { employment: employment({ [grace]: 'departed' }) })).thenThrows(hasCode('EJP_EMPLOYEE_DEPARTED', { employees: { [grace]: 'departed' } }));
    berlin.given([]).when(give({}, { employment: employment({ [ada]: 'not-hired' }) })).thenThrows(hasCode('EJP_EMPLOYEE_NOT_ACTIVE', { employees: { [ada]: 'not-hired' } }));
    // Facts the route did not load count as not hired: fail closed.
    berlin.given([]).when(give({}, { employment: { [giverId]: 'active' } })).thenThrows('EJP_EMPLOYEE_NOT_ACTIVE');
  });

  it('one recognition id is given once', () => {
    berlin.given([given({ month: '2025-03', allowance: 10, boost: 0 }, { id: recognitionId })]).when(give()).thenThrows('EJP_RECOGNITION_EXISTS');
    berlin.given([given({ month: '2025-03', allowance: 10, boost: 0 }, { id: earlierId })]).when(give()).then([recognitionGiven({ month: '2025-03', allowance: 20, boost: 0 })]);
  });
});
