/**
 * A named, time-limited, exclusive lease: at most one owner holds it until it
 * expires. The relay uses one so that exactly one instance publishes at a time
 * (see README, "One relay at a time").
 *
 * The store only arbitrates; the holder's safety margin (stop publishing
 * before the lease can have expired) lives in LeaseKeeper.
 */
export interface Lease {
  name: string;
  owner: string;
  /**
   * Fencing token: grows by one every time the lease changes hands, so a
   * renewal by a former holder (same owner id, older token) is refused.
   */
  token: bigint;
}

export interface LeaseStore {
  /** Takes the lease when it is free or expired (or already ours); undefined when someone else holds it. */
  tryAcquire(name: string, owner: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends our lease by ttlMs from now; false when it was lost (expired and taken, or released). */
  renew(lease: Lease, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once so a waiting instance need not wait for the expiry. */
  release(lease: Lease): Promise<void>;
  /** Who holds the lease now (undefined when free or expired); for /readyz and tests. */
  holder(name: string): Promise<Lease | undefined>;
  close(): Promise<void>;
}
