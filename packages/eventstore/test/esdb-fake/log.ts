/**
 * The storage semantics of an EventStoreDB node that the adapter relies on,
 * in memory, modelled on the server's code (24.x): `IndexCommitter.CheckCommit`
 * for expectations and idempotence, `AllReader` for $all reads, and
 * `IndexReader.ReadStreamEventsBackward` for backward windows. Used by the
 * fake gRPC server so the contract suite can drive the real client without a
 * server; it is not a substitute for running against EventStoreDB.
 */

export interface FakeRecord {
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  created: Date;
  /** Log position: commit == prepare, as for implicitly committed gRPC appends. */
  position: bigint;
}

export type Proposed = Pick<FakeRecord, 'id' | 'type' | 'contentType' | 'data' | 'metadata'>;

/** -1 is the server's NoStream, -2 Any, -4 StreamExists. */
export type Expected = bigint | 'any' | 'exists';

export type AppendOutcome = { ok: true; last: bigint; position: bigint } | { ok: false; current: bigint | undefined };

export class FakeLog {
  readonly #all: FakeRecord[] = [];
  readonly #streams = new Map<string, FakeRecord[]>();
  /** The server's `_committedEvents` cache: the only memory of ids that 'any' and 'exists' appends consult. */
  readonly #recent = new Map<string, FakeRecord>();
  readonly #recentLimit: number;
  readonly #listeners = new Set<(records: FakeRecord[]) => void>();
  #next = 1_000n;

  constructor(options: { recentIdCache?: number } = {}) {
    this.#recentLimit = options.recentIdCache ?? 10_000;
    // System events at the head of $all, as a real node has ($epoch, settings, stats): readers must skip them.
    this.#write('$settings', [{ id: crypto.randomUUID(), type: '$settings', contentType: 'application/json', data: json({}), metadata: new Uint8Array() }]);
    this.#write('$stats-127.0.0.1:2113', [{ id: crypto.randomUUID(), type: '$statsCollected', contentType: 'application/json', data: json({}), metadata: new Uint8Array() }]);
  }

  append(stream: string, expected: Expected, proposed: Proposed[]): AppendOutcome {
    const records = this.#streams.get(stream) ?? [];
    const current = records.length === 0 ? -1n : records[records.length - 1]!.revision;
    const fail = (): AppendOutcome => ({ ok: false, current: current < 0n ? undefined : current });
    if (expected === 'exists' && current < 0n) return fail();
    if (expected === 'any' || expected === 'exists') {
      let last: FakeRecord | undefined;
      for (const [i, event] of proposed.entries()) {
        const seen = this.#recent.get(event.id);
        if (!seen || seen.stream !== stream) {
          if (i === 0) return this.#ok(this.#write(stream, proposed));
          return fail(); // "corrupted idempotency": part of the batch was written before
        }
        last = seen;
      }
      return { ok: true, last: last!.revision, position: last!.position };
    }
    if (expected < current) {
      // A durable check: the server reads the stream at the revisions the batch would have taken.
      for (const [i, event] of proposed.entries()) {
        if (records[Number(expected) + 1 + i]?.id !== event.id) return fail();
      }
      const last = records[Number(expected) + proposed.length]!;
      return { ok: true, last: last.revision, position: last.position };
    }
    if (expected > current) return fail();
    return this.#ok(this.#write(stream, proposed));
  }

  /** Forwards from `from` (inclusive); backwards the window [from - count + 1, from]. Undefined: no such stream. */
  readStream(stream: string, direction: 'forwards' | 'backwards', from: bigint | 'start' | 'end', count: number): FakeRecord[] | undefined {
    const records = this.#streams.get(stream);
    if (!records || records.length === 0) return undefined;
    const last = records[records.length - 1]!.revision;
    const min = this.#minRevision(stream, last);
    const visible = records.filter((r) => r.revision >= min);
    if (direction === 'forwards') {
      const start = from === 'start' ? 0n : from === 'end' ? last + 1n : from;
      return visible.filter((r) => r.revision >= start).slice(0, count);
    }
    const end = from === 'end' || from === 'start' ? (from === 'end' ? last : 0n) : from;
    const start = end - BigInt(count) + 1n;
    return visible.filter((r) => r.revision >= start && r.revision <= end).reverse();
  }

  /** $all forwards from `from` (inclusive, as the server's AllReader), at most `count`. */
  readAll(from: bigint | 'start', count: number): FakeRecord[] {
    const start = from === 'start' ? 0n : from;
    const out: FakeRecord[] = [];
    for (const record of this.#all) {
      if (out.length >= count) break;
      if (record.position >= start) out.push(record);
    }
    return out;
  }

  /** Records after `position` (exclusive, as subscriptions start), then every later append, in order. */
  subscribe(after: bigint | 'start', listener: (records: FakeRecord[]) => void): () => void {
    listener(this.#all.filter((r) => after === 'start' || r.position > after));
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #ok(written: FakeRecord[]): AppendOutcome {
    const last = written[written.length - 1]!;
    for (const listener of [...this.#listeners]) listener(written);
    return { ok: true, last: last.revision, position: last.position };
  }

  #write(stream: string, proposed: Proposed[]): FakeRecord[] {
    const records = this.#streams.get(stream) ?? [];
    this.#streams.set(stream, records);
    const written = proposed.map((event) => {
      const record: FakeRecord = {
        ...event,
        stream,
        revision: BigInt(records.length),
        created: new Date(),
        position: this.#next,
      };
      // Byte offsets in the log: not dense, like real positions.
      this.#next += BigInt(100 + event.data.length + event.metadata.length);
      records.push(record);
      this.#all.push(record);
      this.#recent.set(event.id, record);
      return record;
    });
    while (this.#recent.size > this.#recentLimit) this.#recent.delete(this.#recent.keys().next().value!);
    return written;
  }

  /** `$maxCount` from the stream's metadata stream (`$$<stream>`), as the client's setStreamMetadata writes it. */
  #minRevision(stream: string, last: bigint): bigint {
    const meta = this.#streams.get(`$$${stream}`);
    const latest = meta?.[meta.length - 1];
    if (!latest) return 0n;
    const maxCount = (JSON.parse(Buffer.from(latest.data).toString('utf8')) as { $maxCount?: number }).$maxCount;
    return maxCount === undefined ? 0n : last - BigInt(maxCount) + 1n;
  }
}

function json(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
