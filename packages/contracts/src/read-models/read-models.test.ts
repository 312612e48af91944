import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineReadModel } from './define-read-model.ts';
import { journeyStatusStageOn } from './journey-status.ts';
import { attritionCellId, tenureBandOf } from './attrition.ts';
import { TimelineReadModel } from './timeline.ts';

describe('read models', () => {
  it('refuses a collection name the read stores would refuse', () => {
    expect(() => defineReadModel({ collection: 'Journey-Status', schema: z.object({}), idIs: 'x', indexes: [] })).toThrow(/collection must match/);
    expect(TimelineReadModel.collection).toBe('timeline');
    expect(Object.isFrozen(TimelineReadModel.indexes[0])).toBe(true);
  });

  it("judges a status's stage on a day by the fold: pre-boarding ends on the start date", () => {
    const status = { stage: 'pre-boarding' as const, stageFold: { stage: 'pre-boarding' as const, chapter: 1, startDate: '2025-03-10' } };
    expect(journeyStatusStageOn(status, '2025-03-09T23:59:59.999Z')).toBe('pre-boarding');
    expect(journeyStatusStageOn(status, new Date('2025-03-10T00:00:00Z'))).toBe('onboarding');
    // Before any hire the fold has no stage: the stored one stands.
    expect(journeyStatusStageOn({ stage: 'pre-boarding', stageFold: { stage: null, chapter: 0, startDate: null } }, '2030-01-01')).toBe('pre-boarding');
  });
});

describe('attrition cells', () => {
  it('bands tenure from the start date to the departure day', () => {
    expect(tenureBandOf('2025-03-10', '2025-09-09')).toBe('under-6-months');
    expect(tenureBandOf('2025-03-10', '2025-09-10')).toBe('6-12-months');
    expect(tenureBandOf('2024-03-10', '2025-03-10')).toBe('1-2-years');
    expect(tenureBandOf('2020-01-01', '2024-12-31')).toBe('2-5-years');
    expect(tenureBandOf('2015-01-01', '2025-01-01')).toBe('5-years-plus');
    expect(tenureBandOf('2025-03-10', '2025-03-01')).toBe('under-6-months');
  });

  it('names a cell by its dimensions in declaration order', () => {
    const id = attritionCellId({ month: '2025-06', primaryReason: 'pay', department: 'Sales', tenureBand: '1-2-years', voluntary: true, regrettable: false });
    expect(id).toBe('2025-06|pay|Sales|1-2-years|true|false');
  });
});
