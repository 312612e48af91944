import type { JsonObject, RecordedEvent } from '../port.ts';

/** Maps an `events` row (read with readBigInts) to the port's shape. */
export function toRecordedEvent(row: Record<string, unknown>): RecordedEvent {
  return {
    id: row.event_id as string,
    type: row.event_type as string,
    data: JSON.parse(row.data as string) as JsonObject,
    metadata: JSON.parse(row.metadata as string) as JsonObject,
    streamName: row.stream_name as string,
    revision: row.revision as bigint,
    position: row.position as bigint,
    recordedAt: new Date(row.recorded_at as string),
  };
}
