import pg from 'pg';
import type { ChangeSignal } from '../subscriptions/change-signal.ts';

/**
 * One LISTEN connection per store, outside the pool (it stays checked out
 * for its whole life), turning NOTIFYs from any process into the store's
 * change signal. When it drops it reconnects after `retryMs`, and signals
 * once reconnected because notifications sent meanwhile were lost; polling
 * covers the time in between.
 */
export class NotificationListener {
  readonly #config: pg.ClientConfig;
  readonly #channel: string;
  readonly #signal: ChangeSignal;
  readonly #retryMs: number;
  #client: pg.Client | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #starting: Promise<void> | undefined;
  #closed = false;

  constructor(config: pg.ClientConfig, channel: string, signal: ChangeSignal, retryMs = 1_000) {
    this.#config = config;
    this.#channel = channel;
    this.#signal = signal;
    this.#retryMs = retryMs;
  }

  /** Starts listening unless already started; never rejects (a failed start is retried). */
  ensureStarted(): Promise<void> {
    if (this.#closed || this.#client) return Promise.resolve();
    this.#starting ??= this.#connect().finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(this.#config);
    client.on('notification', () => this.#signal.notify());
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.#channel}"`);
    } catch {
      this.#lost(client);
      return;
    }
    if (this.#closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#signal.notify();
  }

  #lost(client: pg.Client): void {
    if (this.#client === client) this.#client = undefined;
    void client.end().catch(() => undefined);
    if (this.#closed || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.ensureStarted();
    }, this.#retryMs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    await this.#starting;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}
