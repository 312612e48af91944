import { type TimelineEntry, TimelineIndexReadModel, timelineIndexKey, TimelineReadModel } from '@ejp/contracts/read-models';
import type { DocumentTarget } from '@ejp/projection-kit';
import type { JsonObject } from '@ejp/readstore';

/**
 * The targets of one event, plus, for every timeline entry among them, a copy
 * in its employee's index (timeline_index) under the entry's own key, so
 * entries from any stream add to the index without reading it. A patch of an
 * entry (a recognition withdrawn: the only one) is left to the entry itself,
 * which the read checks for recognitions.
 */
export function withTimelineIndex(targets: readonly DocumentTarget[]): DocumentTarget[] {
  // One patch per employee: a second write of one index from the same event (same source and
  // revision) would be taken for a redelivery and skipped.
  const lines = new Map<string, Record<string, JsonObject>>();
  for (const target of targets) {
    if (target.readModel !== TimelineReadModel || !('replace' in target.change)) continue;
    const { employeeId, ...entry } = target.change.replace as TimelineEntry;
    const set = lines.get(employeeId) ?? {};
    set[`entries.${timelineIndexKey(target.id)}`] = { id: target.id, ...entry } as JsonObject;
    lines.set(employeeId, set);
  }
  return [...targets, ...[...lines].map(([employeeId, set]): DocumentTarget => ({ readModel: TimelineIndexReadModel, id: employeeId, change: { set } }))];
}
