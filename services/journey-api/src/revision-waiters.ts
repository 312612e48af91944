import { type JourneyStatus, JourneyStatusReadModel } from '@ejp/contracts/read-models';
import type { ReadStore } from '@ejp/readstore';

/**
 * Requests waiting for a journey's projection to reach a revision
 * (`minRevision`), one waiter list per journey, woken by `notify` when the
 * projection wrote that journey: no request polls on its own.
 *
 * Who notifies depends on the mode. Standalone: the projector in the same
 * process, after each batch it wrote (see `notifyingHandler`), so a waiter
 * wakes as soon as the status document holds the revision. Distributed: the
 * journey API sees only the read store, and FerretDB offers no change stream,
 * so `pollStatuses` reads, once per interval and only while someone waits, the
 * status of each journey waited on: one read per journey per interval, shared
 * by all of its waiters, instead of one per waiting request.
 *
 * A wake-up is a hint: the caller re-reads the status document and waits
 * again when it is still behind, so a missed or early notification costs at
 * most the wait's deadline, never a wrong answer.
 */
export class RevisionWaiters {
  readonly #waiting = new Map<string, Set<Waiter>>();

  /** Journeys someone waits for, with the smallest revision waited for (for pollStatuses). */
  get waitedFor(): Map<string, number> {
    const lowest = new Map<string, number>();
    for (const [employeeId, waiters] of this.#waiting) lowest.set(employeeId, Math.min(...[...waiters].map((w) => w.minRevision)));
    return lowest;
  }

  /**
   * Registers a waiter at once (so a notification between this call and the
   * caller's status read is not lost); `done` resolves true when notified of
   * `minRevision` or later, false after `timeoutMs`. `cancel` drops it.
   */
  wait(employeeId: string, minRevision: number, timeoutMs: number): { done: Promise<boolean>; cancel: () => void } {
    let waiter!: Waiter;
    const done = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (reached: boolean) => {
        clearTimeout(timer);
        this.#remove(employeeId, waiter);
        resolve(reached);
      };
      waiter = { minRevision, finish };
    });
    const list = this.#waiting.get(employeeId) ?? new Set<Waiter>();
    this.#waiting.set(employeeId, list);
    list.add(waiter);
    return { done, cancel: () => waiter.finish(false) };
  }

  /** The projection holds `employeeId`'s journey up to `revision`: wakes who waited for it or less. */
  notify(employeeId: string, revision: number): void {
    const list = this.#waiting.get(employeeId);
    if (!list) return;
    for (const waiter of [...list]) if (waiter.minRevision <= revision) waiter.finish(true);
  }

  #remove(employeeId: string, waiter: Waiter): void {
    const list = this.#waiting.get(employeeId);
    list?.delete(waiter);
    if (list?.size === 0) this.#waiting.delete(employeeId);
  }
}

interface Waiter {
  minRevision: number;
  finish(reached: boolean): void;
}

/**
 * Distributed mode's notifier: every `pollMs`, while anyone waits, one status
 * read per journey waited for, shared by all its waiters; `stop` ends it.
 */
export function pollStatuses(readStore: ReadStore, waiters: RevisionWaiters, pollMs: number): { stop: () => void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const waited = waiters.waitedFor;
    await Promise.all(
      [...waited.keys()].map(async (employeeId) => {
        const status = await readStore.get<JourneyStatus>(JourneyStatusReadModel.collection, employeeId).catch(() => undefined);
        if (status) waiters.notify(employeeId, status.doc.lastAppliedRevision);
      }),
    );
    if (!stopped) timer = setTimeout(() => void tick(), pollMs);
    timer?.unref();
  };
  timer = setTimeout(() => void tick(), pollMs);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
