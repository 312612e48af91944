import type { JsonObject, RecordedEvent } from '../port.ts';

/** An `events` row as node-postgres returns it: int8 as string (exact), json parsed, timestamptz as Date. */
export interface EventRow {
  position: string;
  event_id: string;
  stream_name: string;
  revision: string;
  event_type: string;
  data: JsonObject;
  metadata: JsonObject;
  recorded_at: Date;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    recordedAt: row.recorded_at,
  };
}
