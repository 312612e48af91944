/**
 * Errors of crypto-shredding. Each carries a stable `code` like the other
 * event-store errors, and none ever carries a plaintext or key byte.
 */

/** An append carried personal data for a subject whose key was erased: it is refused, not re-keyed (see README). */
export class SubjectErasedError extends Error {
  override name = 'SubjectErasedError';
  readonly code = 'EJP_SUBJECT_ERASED';
  readonly subjectId: string;

  constructor(subjectId: string) {
    super(`subject ${subjectId} was erased: personal data about them can no longer be stored`);
    this.subjectId = subjectId;
  }
}

/**
 * A stored field is encrypted under a key the key store has never heard of:
 * the wrong key store is configured, or it lost data. Redacting would hide
 * that, so reads fail.
 */
export class MissingDataKeyError extends Error {
  override name = 'MissingDataKeyError';
  readonly code = 'EJP_MISSING_DATA_KEY';
  readonly keyId: string;
  readonly eventId: string;

  constructor(keyId: string, eventId: string) {
    super(`event ${eventId}: no data key ${keyId} in the key store (never created; erased keys leave a record)`);
    this.keyId = keyId;
    this.eventId = eventId;
  }
}

/** Authentication failed: the ciphertext, IV, tag, event id or field path was altered or moved. */
export class DecryptionFailedError extends Error {
  override name = 'DecryptionFailedError';
  readonly code = 'EJP_DECRYPTION_FAILED';
  readonly eventId: string;
  readonly path: string;

  constructor(eventId: string, path: string, cause?: unknown) {
    super(`event ${eventId}: field ${path} does not decrypt (tampered, moved or malformed)`, { cause });
    this.eventId = eventId;
    this.path = path;
  }
}

/**
 * An append carried personal data in a stream that names no owner for it: a
 * stream of no declared category, or of a category that may hold none (an
 * anonymous survey). Storing it in clear, or under a guessed key, would make
 * it unerasable or de-anonymise the stream, so it is refused. A wiring or
 * schema mistake, not a user error: nothing of the batch is stored.
 */
export class NoPersonalDataOwnerError extends Error {
  override name = 'NoPersonalDataOwnerError';
  readonly code = 'EJP_NO_PERSONAL_DATA_OWNER';
  readonly streamName: string;
  readonly eventType: string;

  constructor(streamName: string, eventType: string, reason: string) {
    super(`event ${eventType} carries personal data, but stream ${streamName} ${reason}`);
    this.streamName = streamName;
    this.eventType = eventType;
  }
}
