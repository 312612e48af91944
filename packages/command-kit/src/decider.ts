/**
 * The shapes a service's domain module is written in (after Emmett): a
 * command is `{ type, data, metadata }`, a decider is three pure functions.
 * Nothing here does I/O, so a domain module may import it freely.
 */

/** Emmett's decider shape. Commands carry their clock in `metadata.now` (replays re-use the original instant). */
export interface Decider<Command, State, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/**
 * What the kit adds to every command it builds from a request. `now` is the
 * decider's only clock: a decision can then be replayed (idempotent retries)
 * and tested at any instant.
 */
export interface CommandMetadata {
  now: Date;
}

/** A command of a domain module: `type` names it, `data` is what the caller asked for. */
export interface Command<Type extends string, Data, Metadata extends CommandMetadata = CommandMetadata> {
  type: Type;
  data: Data;
  metadata: Metadata;
}

/** The least the command handler needs of a command: an optional clock. */
export interface TimedCommand {
  metadata?: { now?: Date };
}

/**
 * The base of every rule a decider enforces. It carries a stable `code` (a
 * contract with clients) and no HTTP status: each service registers its codes
 * with `defineErrors` from @ejp/service-kit, and the command routes map them.
 */
export class DomainError<Code extends string = string> extends Error {
  override name = 'DomainError';
  readonly code: Code;
  /** Human-readable explanation of this occurrence (RFC 9457 `detail`). */
  readonly detail: string;
  /** Machine-readable facts for the client, e.g. `{ currentStage: 'probation' }` or the open task ids. */
  readonly extensions: Record<string, unknown>;

  constructor(code: Code, detail: string, extensions: Record<string, unknown> = {}) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
    this.extensions = extensions;
  }
}
