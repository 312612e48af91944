import { TimelineIndexReadModel, timelineIndexKey, TimelineReadModel } from '@ejp/contracts/read-models';
import { put } from '@ejp/projection-kit';
import { describe, expect, it } from 'vitest';
import { withTimelineIndex } from '../src/timeline-index.ts';

const entry = (employeeId: string, revision: number) => ({
  employeeId,
  eventId: '0f8a3c52-1111-4aaa-8bbb-000000000001',
  revision,
  occurredAt: '2025-03-03T09:00:00.000Z',
  recordedAt: '2025-03-03T09:00:01.000Z',
  stage: 'onboarding' as const,
  chapter: 1,
  type: 'recognition.given',
  version: 1,
  title: 'Kudos',
  actor: { id: 'a', kind: 'employee' as const },
  source: 'recognition',
  data: {},
  withheld: [],
});

describe('withTimelineIndex', () => {
  it('adds one index patch per employee, however many of their entries one event writes, and leaves patches of entries out', () => {
    const targets = [
      put(TimelineReadModel, 'ev', entry('ada', 4)),
      put(TimelineReadModel, 'ev|ada', entry('ada', 4)),
      put(TimelineReadModel, 'ev|bob', entry('bob', 9)),
      { readModel: TimelineReadModel, id: 'old', change: { set: { withdrawnAt: '2025-04-01T00:00:00.000Z' } } },
    ];
    const line = (id: string, revision: number) => (({ employeeId, ...copy }) => ({ id, ...copy }))(entry('-', revision));
    expect(withTimelineIndex(targets)).toEqual([
      ...targets,
      { readModel: TimelineIndexReadModel, id: 'ada', change: { set: { [`entries.${timelineIndexKey('ev')}`]: line('ev', 4), [`entries.${timelineIndexKey('ev|ada')}`]: line('ev|ada', 4) } } },
      { readModel: TimelineIndexReadModel, id: 'bob', change: { set: { [`entries.${timelineIndexKey('ev|bob')}`]: line('ev|bob', 9) } } },
    ]);
  });

  it('keys are identifiers, one per id', () => {
    const ids = ['0f8a3c52-1111-4aaa-8bbb-000000000001', 'a|b', 'a.b', 'a_b', 'a_007cb', 'ab'];
    const keys = ids.map(timelineIndexKey);
    expect(new Set(keys).size).toBe(ids.length);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });
});
