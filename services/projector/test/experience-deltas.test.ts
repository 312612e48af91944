import { describe, expect, it } from 'vitest';
import { metricTargets, openDeltas, windowDeltas } from '../src/experience-deltas.ts';

const recognised = (deltas: ReturnType<typeof windowDeltas>) => deltas.map((d) => [d.day, d.by]);

describe('recognised windows', () => {
  it('opens 90 days from a first recognition: +1 on its day, -1 ninety days on', () => {
    expect(recognised(windowDeltas([], '2025-01-01'))).toEqual([['2025-01-01', 1], ['2025-04-01', -1]]);
  });
  it('extends an open window by the days it did not cover yet', () => {
    // 1 Jan covers up to 31 Mar; 1 Feb covers up to 1 May: the new days are 1 Apr..1 May.
    expect(recognised(windowDeltas(['2025-01-01'], '2025-02-01'))).toEqual([['2025-04-01', 1], ['2025-05-02', -1]]);
    expect(windowDeltas(['2025-01-01', '2025-02-01'], '2025-01-15')).toEqual([]);
  });
  it('fills only the gap before a later window when a recognition arrives out of order', () => {
    expect(recognised(windowDeltas(['2025-03-01'], '2025-02-01'))).toEqual([['2025-02-01', 1], ['2025-03-01', -1]]);
  });
});

describe('open and overdue deltas', () => {
  const task = (day: string, by: 1 | -1) => openDeltas({ open: 'task-open', overdue: 'task-overdue' }, { owner: 'it' }, day, '2025-01-10', by).map((d) => [d.metric, d.day, d.by]);
  it('counts a task overdue from the day after its due day until it closes', () => {
    expect(task('2025-01-05', 1)).toEqual([['task-open', '2025-01-05', 1], ['task-overdue', '2025-01-11', 1]]);
    expect(task('2025-01-20', -1)).toEqual([['task-open', '2025-01-20', -1], ['task-overdue', '2025-01-20', -1]]);
  });
  it('cancels the overdue count of a task closed before it was due', () => {
    const targets = metricTargets([...openDeltas({ open: 'task-open', overdue: 'task-overdue' }, { owner: 'it' }, '2025-01-05', '2025-01-10', 1), ...openDeltas({ open: 'task-open', overdue: 'task-overdue' }, { owner: 'it' }, '2025-01-08', '2025-01-10', -1)]);
    // One event's deltas of one cell and key are summed: the overdue +1 and -1 of 11 Jan (and of January) leave nothing.
    expect(targets.map((t) => t.id).sort()).toEqual(['task-open|day|2025-01-05', 'task-open|day|2025-01-08']);
  });
});
