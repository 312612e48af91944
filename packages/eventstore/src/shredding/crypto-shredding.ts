import { expandJsonPath, formatJsonPath, type JsonPathSegment, parseJsonPath, REDACTED } from '@ejp/contracts';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  JsonObject,
  JsonValue,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../port.ts';
import { DecryptionFailedError, MissingDataKeyError } from './errors.ts';
import { decryptField, type EncryptedField, encryptField, fieldAad, isEncryptedField } from './field-cipher.ts';
import type { DataKeyState, KeyStore } from './key-store.ts';

export interface CryptoShreddingOptions {
  keys: KeyStore;
  /** JSON paths (contracts' subset, wildcards allowed) of the personal fields of an event about to be appended. */
  personalPaths: (type: string, data: JsonObject, metadata: JsonObject) => string[];
  /** The subject (employee id) whose key encrypts the event's personal fields. */
  subjectOf: (streamName: string, event: EventToAppend) => string;
  /**
   * Whether appending an event of this type erases its subject (right to
   * erasure): the key is destroyed before the batch is stored, so the event
   * never exists while the key does. A retry after a failed append erases
   * again (idempotent) and appends. Default: no type does.
   */
  erasesSubject?: (type: string) => boolean;
}

export interface ShreddingEventStore extends EventStore {
  /** Destroys the subject's key: every personal field about them now reads as REDACTED, everywhere. */
  erase(subjectId: string): Promise<void>;
}

/**
 * Decorates any event store: personal fields are encrypted before they reach
 * it and decrypted on the way out. Reads do not consult `personalPaths`;
 * they decrypt whatever encrypted fields they find, so a schema change can
 * never leave a stored field undecrypted or expose one. The key store is not
 * closed by close(): whoever opened it owns it.
 */
export function withCryptoShredding(store: EventStore, options: CryptoShreddingOptions): ShreddingEventStore {
  const { keys, personalPaths, subjectOf } = options;
  const erasesSubject = options.erasesSubject ?? (() => false);

  const encrypt = async (stream: string, event: EventToAppend): Promise<EventToAppend> => {
    const metadata = event.metadata ?? {};
    // Shallow paths first: once `$.name` is encrypted, `$.name.given` no longer matches anything.
    const paths = [...personalPaths(event.type, event.data, metadata)].sort((a, b) => parseJsonPath(a).length - parseJsonPath(b).length);
    if (paths.length === 0) return event;
    const data = structuredClone(event.data);
    let key: Buffer | undefined;
    let subject = '';
    // Overlapping paths (`$.x.*` and `$.x.name`) must not encrypt our own output twice.
    const ours = new WeakSet<object>();
    for (const path of paths) {
      for (const match of expandJsonPath(data, path)) {
        if (typeof match.value === 'object' && match.value !== null && ours.has(match.value)) continue;
        if (key === undefined) {
          subject = subjectOf(stream, event);
          key = await keys.getOrCreateKey(subject); // throws SubjectErasedError for an erased subject
        }
        const encrypted = encryptField(key, subject, fieldAad(event.id, match.path), match.value as JsonValue);
        ours.add(encrypted);
        (match.parent as Record<string | number, unknown>)[match.key] = encrypted;
      }
    }
    return key === undefined ? event : { ...event, data };
  };

  /** One key lookup per subject per read call; never cached longer, so an erasure is seen by the next read. */
  const decrypter = () => {
    const lookups = new Map<string, Promise<DataKeyState>>();
    const keyState = (kid: string) => {
      let lookup = lookups.get(kid);
      if (!lookup) {
        lookup = keys.findKey(kid);
        lookups.set(kid, lookup);
      }
      return lookup;
    };
    return async (event: RecordedEvent): Promise<RecordedEvent> => {
      const found = encryptedFields(event.data);
      if (found.length === 0) return event;
      const data = structuredClone(event.data);
      for (const { segments, field } of found) {
        const path = formatJsonPath(segments);
        const state = await keyState(field.kid);
        let plain: JsonValue | typeof REDACTED;
        if (state.state === 'erased') plain = REDACTED;
        else if (state.state === 'absent') throw new MissingDataKeyError(field.kid, event.id);
        else {
          try {
            plain = decryptField(state.key, field, fieldAad(event.id, path));
          } catch (error) {
            throw new DecryptionFailedError(event.id, path, error);
          }
        }
        setAt(data, segments, plain);
      }
      return { ...event, data };
    };
  };

  const decryptAll = (events: RecordedEvent[]): Promise<RecordedEvent[]> => {
    const decrypt = decrypter();
    return Promise.all(events.map(decrypt));
  };

  return {
    async appendToStream(stream: string, events: EventToAppend[], appendOptions?: AppendOptions): Promise<AppendResult> {
      const encrypted: EventToAppend[] = [];
      for (const event of events) encrypted.push(await encrypt(stream, event));
      for (const event of events) if (erasesSubject(event.type)) await keys.erase(subjectOf(stream, event));
      return store.appendToStream(stream, encrypted, appendOptions);
    },
    async readStream(stream: string, readOptions?: ReadStreamOptions): Promise<RecordedEvent[]> {
      return decryptAll(await store.readStream(stream, readOptions));
    },
    async readAll(readOptions?: ReadAllOptions): Promise<RecordedEvent[]> {
      return decryptAll(await store.readAll(readOptions));
    },
    subscribeToAll(subscribeOptions: SubscribeToAllOptions): Subscription {
      // A field that fails to decrypt throws here, which stops the subscription through onError.
      return store.subscribeToAll({
        ...subscribeOptions,
        handler: async (event) => subscribeOptions.handler(await decrypter()(event)),
      });
    },
    ping: () => store.ping(),
    close: () => store.close(),
    erase: (subjectId: string) => keys.erase(subjectId),
  };
}

type FoundField = { segments: JsonPathSegment[]; field: EncryptedField };

/** Every encrypted field in a value, with its concrete path; the contents of an encrypted field are not searched. */
function encryptedFields(value: JsonValue, at: JsonPathSegment[] = [], found: FoundField[] = []): FoundField[] {
  if (isEncryptedField(value)) found.push({ segments: at, field: value });
  else if (Array.isArray(value)) value.forEach((item, index) => { encryptedFields(item, [...at, { index }], found); });
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) encryptedFields(item, [...at, { key }], found);
  }
  return found;
}

function setAt(root: JsonObject, segments: JsonPathSegment[], value: unknown): void {
  const keyOf = (segment: JsonPathSegment): string | number => ('key' in segment ? segment.key : (segment as { index: number }).index);
  let node = root as Record<string | number, unknown>;
  for (const segment of segments.slice(0, -1)) node = node[keyOf(segment)] as Record<string | number, unknown>;
  node[keyOf(segments[segments.length - 1]!)] = value;
}
