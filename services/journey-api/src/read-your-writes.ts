import { type JourneyStatus, JourneyStatusReadModel } from '@ejp/contracts/read-models';
import type { ReadStore, StoredDocument } from '@ejp/readstore';
import { AppError } from '@ejp/service-kit';
import { JourneyApiErrors } from './errors.ts';

export interface ReadWaitOptions {
  /** How long a request may wait for the projection (ms); 0 answers at once. */
  timeoutMs: number;
  /** How often the status document is re-read while waiting (ms). */
  pollMs: number;
  /** Seconds a 503 tells the client to wait before retrying. */
  retryAfterSeconds: number;
}

/**
 * Loads an employee's journey status. With `minRevision` (the stream revision
 * a command answered with) it waits until the projection has applied at least
 * that revision, so a client reads its own write; it polls the status
 * document because the read-store port offers no change notification, and the
 * wait is bounded so a stalled projector costs a request at most `timeoutMs`.
 * Waiting also covers an employee not projected at all yet (their hire was the
 * write), which is why it answers 503 rather than 404 then.
 */
export async function loadStatus(
  readStore: ReadStore,
  employeeId: string,
  minRevision: number | undefined,
  options: ReadWaitOptions,
): Promise<StoredDocument<JourneyStatus> | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const status = await readStore.get<JourneyStatus>(JourneyStatusReadModel.collection, employeeId);
    const projected = status?.doc.lastAppliedRevision ?? -1;
    if (minRevision === undefined || projected >= minRevision) return status;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new AppError(
        JourneyApiErrors.EJP_PROJECTION_BEHIND,
        `The journey of ${employeeId} is projected up to revision ${projected}; revision ${minRevision} was not reached within ${options.timeoutMs} ms.`,
        {
          headers: { 'retry-after': String(options.retryAfterSeconds) },
          extensions: { minRevision, projectedRevision: projected },
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs, left)));
  }
}
