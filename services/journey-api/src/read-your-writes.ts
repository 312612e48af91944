import { SpanStatusCode, trace } from '@opentelemetry/api';
import { type JourneyStatus, JourneyStatusReadModel } from '@ejp/contracts/read-models';
import type { ReadStore, StoredDocument } from '@ejp/readstore';
import { AppError, ErrorCodes } from '@ejp/service-kit';
import { JourneyApiErrors } from './errors.ts';
import type { RevisionWaiters } from './revision-waiters.ts';

export interface ReadWaitOptions {
  /** How long a request may wait for the projection (ms); 0 answers at once. */
  timeoutMs: number;
  /** Who wakes a waiting request when the projection wrote the journey (see RevisionWaiters). */
  waiters: RevisionWaiters;
  /** Seconds a 503 tells the client to wait before retrying. */
  retryAfterSeconds: number;
  /**
   * The revision the write side holds for an employee's journey (undefined: no
   * such journey), where the process can ask its event store (standalone). With
   * it, a `minRevision` that can never be reached is answered at once.
   */
  writtenRevision?: ((employeeId: string) => Promise<number | undefined>) | undefined;
}

/** A wait that cannot end well: no such journey (404), or a revision it never reached (400). */
async function refuseUnreachable(employeeId: string, minRevision: number, options: ReadWaitOptions): Promise<void> {
  if (!options.writtenRevision) return;
  const written = await options.writtenRevision(employeeId);
  if (written === undefined) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No journey is known for employee ${employeeId}.`);
  if (minRevision > written) {
    const message = `is past the last revision of this journey (${written})`;
    throw new AppError(ErrorCodes.EJP_VALIDATION, `minRevision ${minRevision} ${message}.`, {
      extensions: { errors: [{ path: 'query.minRevision', message }] },
    });
  }
}

/**
 * Loads an employee's journey status. With `minRevision` (the stream revision
 * a command answered with) it waits until the projection has applied at least
 * that revision, so a client reads its own write: on the journey's waiter list
 * (RevisionWaiters), woken when the projection wrote that journey, then the
 * status document is read again. The wait is bounded so a stalled projector
 * costs a request at most `timeoutMs`. Waiting also covers an employee not
 * projected at all yet (their hire was the write), which is why it answers 503
 * rather than 404 then, unless `writtenRevision` can tell that the journey
 * does not exist (404 at once) or never reached that revision (400 at once).
 */
export async function loadStatus(
  readStore: ReadStore,
  employeeId: string,
  minRevision: number | undefined,
  options: ReadWaitOptions,
): Promise<StoredDocument<JourneyStatus> | undefined> {
  const read = () => readStore.get<JourneyStatus>(JourneyStatusReadModel.collection, employeeId);
  const reached = (status: StoredDocument<JourneyStatus> | undefined) => minRevision === undefined || (status?.doc.lastAppliedRevision ?? -1) >= minRevision;
  const first = await read();
  if (minRevision === undefined || reached(first)) return first;
  // The wait as a span of the read's trace: a slow read-your-write shows how long the projection took.
  return tracer.startActiveSpan('minRevision wait', { attributes: { 'ejp.min_revision': minRevision } }, async (span) => {
    try {
      const status = await waitForRevision(employeeId, minRevision, first, read, reached, options);
      span.setAttribute('ejp.projected_revision', status?.doc.lastAppliedRevision ?? -1);
      return status;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

const tracer = trace.getTracer('@ejp/journey-api');

type StatusDocument = StoredDocument<JourneyStatus> | undefined;

async function waitForRevision(
  employeeId: string,
  minRevision: number,
  first: StatusDocument,
  read: () => Promise<StatusDocument>,
  reached: (status: StatusDocument) => boolean,
  options: ReadWaitOptions,
): Promise<StatusDocument> {
  await refuseUnreachable(employeeId, minRevision, options);
  const deadline = Date.now() + options.timeoutMs;
  let status = first;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    // On the list before reading, so a notification between the read and the wait is not lost.
    const waiting = options.waiters.wait(employeeId, minRevision, left);
    status = await read();
    if (reached(status)) {
      waiting.cancel();
      return status;
    }
    if (!(await waiting.done)) break;
  }
  status = await read();
  if (reached(status)) return status;
  const projected = status?.doc.lastAppliedRevision ?? -1;
  throw new AppError(
    JourneyApiErrors.EJP_PROJECTION_BEHIND,
    `The journey of ${employeeId} is projected up to revision ${projected}; revision ${minRevision} was not reached within ${options.timeoutMs} ms.`,
    {
      headers: { 'retry-after': String(options.retryAfterSeconds) },
      extensions: { minRevision, projectedRevision: projected },
    },
  );
}
