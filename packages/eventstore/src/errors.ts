import type { ExpectedRevision, StreamRevision } from './port.ts';

/**
 * Thrown when an append's expected revision does not match the stream.
 * `actual` is the revision of the stream's last event, or 'no-stream'.
 * `code` is the platform's stable error code (mapped to HTTP 409 by the service kit).
 */
export class WrongExpectedRevisionError extends Error {
  override name = 'WrongExpectedRevisionError';
  readonly code = 'EJP_WRONG_EXPECTED_REVISION';
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly actual: StreamRevision | 'no-stream';

  constructor(stream: string, expected: ExpectedRevision, actual: StreamRevision | 'no-stream') {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * Thrown when an append reuses an event id that is already stored at another
 * place (another stream, other revisions, or only part of the batch). Ids are
 * compared by place only, not by content: a retried command may legitimately
 * re-encrypt its payload (crypto-shredding uses random IVs).
 */
export class DuplicateEventIdError extends Error {
  override name = 'DuplicateEventIdError';
  readonly code = 'EJP_DUPLICATE_EVENT_ID';
  readonly eventId: string;

  constructor(eventId: string, detail: string) {
    super(`event id ${eventId} already stored elsewhere: ${detail}`);
    this.eventId = eventId;
  }
}

/**
 * Thrown before touching the store when an append is malformed: empty batch,
 * an id that is not a UUID, an id twice in one batch, an empty type or stream
 * name, data that is not a JSON object, a negative expected revision.
 * Every adapter validates the same way so that they behave alike (EventStoreDB
 * itself insists on UUIDs).
 */
export class InvalidAppendError extends Error {
  override name = 'InvalidAppendError';
  readonly code = 'EJP_INVALID_APPEND';
}
