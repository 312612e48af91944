import { performance } from 'node:perf_hooks';
import { sleep } from '../abortable.ts';
import type { Lease, LeaseStore } from './lease-store.ts';

export interface LeaseKeeperOptions {
  store: LeaseStore;
  name: string;
  owner: string;
  /** How long one acquire/renew holds the lease (default 15 s). */
  ttlMs?: number;
  /** Renew (and, while waiting, retry acquiring) this often (default ttl / 3). */
  renewEveryMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Holds a lease for as long as renewals succeed, and knows how long it is
 * SURE to still hold it: `safeUntil` = when the last successful acquire/renew
 * request was SENT + ttl, on this process's monotonic clock. The store set the
 * expiry later than we sent, so the lease cannot expire before safeUntil as
 * long as clocks advance at the same rate. When a renewal is refused or
 * safeUntil passes without one, `lost` aborts and the holder must stop.
 */
type KeeperSettings = Required<Omit<LeaseKeeperOptions, 'onError'>> & Pick<LeaseKeeperOptions, 'onError'>;

export class LeaseKeeper {
  readonly lease: Lease;
  readonly #options: KeeperSettings;
  readonly #lost = new AbortController();
  #safeUntil: number;
  #timer: NodeJS.Timeout | undefined;

  private constructor(lease: Lease, sentAt: number, options: KeeperSettings) {
    this.lease = lease;
    this.#options = options;
    this.#safeUntil = sentAt + options.ttlMs;
    this.#schedule();
  }

  /** Waits until the lease is ours; undefined when `signal` aborts first. */
  static async acquire(options: LeaseKeeperOptions, signal: AbortSignal): Promise<LeaseKeeper | undefined> {
    const ttlMs = options.ttlMs ?? 15_000;
    const full: KeeperSettings = { ...options, ttlMs, renewEveryMs: options.renewEveryMs ?? Math.floor(ttlMs / 3) };
    if (full.renewEveryMs >= ttlMs) throw new Error('lease: renewEveryMs must be shorter than ttlMs');
    while (!signal.aborted) {
      const sentAt = performance.now();
      try {
        const lease = await options.store.tryAcquire(options.name, options.owner, ttlMs);
        if (lease) return new LeaseKeeper(lease, sentAt, full);
      } catch (error) {
        options.onError?.(error);
      }
      await sleep(full.renewEveryMs, signal);
    }
    return undefined;
  }

  /** Aborts when the lease is (or may be) lost; its reason says why. */
  get lost(): AbortSignal {
    return this.#lost.signal;
  }

  /** Milliseconds during which we certainly still hold the lease (<= 0 when not). */
  remainingMs(): number {
    return this.#lost.signal.aborted ? 0 : this.#safeUntil - performance.now();
  }

  /** Throws unless we hold the lease for at least `marginMs` more: call before each publish. */
  assertHeld(marginMs: number): void {
    if (this.remainingMs() <= marginMs) {
      this.#markLost(new Error(`lease ${this.lease.name}: less than ${marginMs} ms left, not renewed in time`));
    }
    if (this.#lost.signal.aborted) throw this.#lost.signal.reason;
  }

  /** Stops renewing and frees the lease for the next instance. */
  async release(): Promise<void> {
    this.#markLost(new Error(`lease ${this.lease.name} released`));
    try {
      await this.#options.store.release(this.lease);
    } catch (error) {
      // It expires by itself after ttl; the next instance just waits longer.
      this.#options.onError?.(error);
    }
  }

  #schedule(afterError = false): void {
    // Wake at the renewal interval (a quarter of it after a failed attempt, so a
    // blip of the store does not eat the safe window), or when the window closes.
    const every = afterError ? Math.max(50, Math.floor(this.#options.renewEveryMs / 4)) : this.#options.renewEveryMs;
    const delay = Math.max(0, Math.min(every, this.remainingMs()));
    this.#timer = setTimeout(() => void this.#renew(), delay);
    this.#timer.unref();
  }

  async #renew(): Promise<void> {
    if (this.#lost.signal.aborted) return;
    if (this.remainingMs() <= 0) return this.#markLost(new Error(`lease ${this.lease.name} expired before it was renewed`));
    const sentAt = performance.now();
    let failed = false;
    try {
      const renewed = await this.#options.store.renew(this.lease, this.#options.ttlMs);
      if (!renewed) return this.#markLost(new Error(`lease ${this.lease.name} was taken over`));
      this.#safeUntil = sentAt + this.#options.ttlMs;
    } catch (error) {
      // The store is unreachable: keep trying while the safe window lasts.
      failed = true;
      this.#options.onError?.(error);
    }
    if (!this.#lost.signal.aborted) this.#schedule(failed);
  }

  #markLost(reason: Error): void {
    clearTimeout(this.#timer);
    if (!this.#lost.signal.aborted) this.#lost.abort(reason);
  }
}
