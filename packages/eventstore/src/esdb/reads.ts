import { StreamNotFoundError, type StreamingRead } from '@eventstore/db-client';

/**
 * Drains a client read, calling `visit` for each resolved event until it
 * returns false; a missing stream reads as nothing.
 *
 * The read is always consumed to its end, also after `visit` said stop:
 * leaving the loop early destroys only the Node stream the gRPC call is
 * piped into, the call itself then never finishes, and the client's
 * dispose() (our close()) waits for it forever — seen against the fake
 * server with a one-event read. Every read here is bounded by maxCount, so
 * the rest is at most one page.
 *
 * @returns how many events the server sent
 */
export async function drain<E>(read: StreamingRead<E>, visit: (resolved: E) => boolean): Promise<number> {
  let count = 0;
  let visiting = true;
  // A throwing visitor must not end the loop early either: its error is rethrown once the read is done.
  let failure: { error: unknown } | undefined;
  try {
    for await (const resolved of read) {
      count++;
      if (!visiting) continue;
      try {
        visiting = visit(resolved);
      } catch (error) {
        failure = { error };
        visiting = false;
      }
    }
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
  }
  if (failure) throw failure.error;
  return count;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}
