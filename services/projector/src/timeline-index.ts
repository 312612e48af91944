import { type TimelineEntry, TimelineIndexReadModel, timelineIndexKey, TimelineReadModel } from '@ejp/contracts/read-models';
import type { DocumentTarget } from '@ejp/projection-kit';
import type { JsonObject } from '@ejp/readstore';

/**
 * The targets of one event, plus, for every timeline entry among them, its
 * line in its employee's index (timeline_index): the entry's id and the
 * fields reads filter and order by, set under the entry's own key, so
 * entries from any stream add to the index without reading it. Patches of an
 * entry (a recognition withdrawn) change no such field, so the index leaves
 * them to the entry itself, which the read checks.
 */
export function withTimelineIndex(targets: readonly DocumentTarget[]): DocumentTarget[] {
  // One patch per employee: a second write of one index from the same event (same source and
  // revision) would be taken for a redelivery and skipped.
  const lines = new Map<string, Record<string, JsonObject>>();
  for (const target of targets) {
    if (target.readModel !== TimelineReadModel || !('replace' in target.change)) continue;
    const entry = target.change.replace as TimelineEntry;
    const line = {
      id: target.id,
      revision: entry.revision,
      occurredAt: entry.occurredAt,
      recordedAt: entry.recordedAt,
      stage: entry.stage,
      chapter: entry.chapter,
      type: entry.type,
    };
    const set = lines.get(entry.employeeId) ?? {};
    set[`entries.${timelineIndexKey(target.id)}`] = line;
    lines.set(entry.employeeId, set);
  }
  return [...targets, ...[...lines].map(([employeeId, set]): DocumentTarget => ({ readModel: TimelineIndexReadModel, id: employeeId, change: { set } }))];
}
