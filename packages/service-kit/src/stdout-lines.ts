import { type DestinationStream, pino } from 'pino';

// Above this many characters gathered in one turn, write them at once rather than hold more.
const MAX_PENDING_CHARS = 64 * 1024;

/**
 * Log lines for stdout, gathered for one event-loop turn and written in one
 * synchronous write at its end (and when the process exits). A request used to
 * pay a write system call per line; under load the lines of every request
 * answered in a turn now share one. Synchronous on purpose: pino's async
 * writer leaves a write on the thread pool that process.exit may cut off,
 * while here nothing is in flight at exit, and the 'exit' flush writes what
 * is still gathered (shutdown's last lines, a fatal line before exit 1).
 */
class TurnBatchedStdout implements DestinationStream {
  readonly #out = pino.destination({ dest: 1, sync: true });
  #pending = '';
  #scheduled = false;

  write(line: string): void {
    this.#pending += line;
    if (this.#pending.length >= MAX_PENDING_CHARS) {
      this.flushSync();
    } else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flushSync());
    }
  }

  flushSync(): void {
    this.#scheduled = false;
    if (this.#pending === '') return;
    const chunk = this.#pending;
    this.#pending = '';
    this.#out.write(chunk);
  }
}

let shared: TurnBatchedStdout | undefined;

/** The process's one stdout log destination (every logger shares it, so lines keep their order). */
export function stdoutLines(): DestinationStream {
  if (!shared) {
    const stream = new TurnBatchedStdout();
    process.on('exit', () => stream.flushSync());
    shared = stream;
  }
  return shared;
}
