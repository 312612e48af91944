import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** A platform event as a webhook delivers it: a CloudEvent in structured mode (personal fields stay encrypted; fetch them by id). */
export interface DeliveredEvent {
  id: string;
  type: string;
  subject: string;
  time: string;
  dataschema?: string;
  data: Record<string, unknown>;
}

export interface WebhookReceiverOptions {
  /** The secrets the platform gave (`GET /webhooks/subscriptions/{id}/secrets`); during a rotation, either verifies. */
  secrets: () => readonly string[];
  onEvent: (event: DeliveredEvent) => void | Promise<void>;
  port?: number;
}

/**
 * A webhook receiver for a tool that runs no Kafka client: verifies every
 * delivery with the Standard Webhooks library (signature over id, timestamp
 * and the raw body; the timestamp within five minutes), answers 401 to a
 * forged or tampered one, skips a `webhook-id` it has seen (deliveries are
 * at least once), and answers 204 once the event is handled: a failure
 * answers 500, and the platform retries.
 */
export class WebhookReceiver {
  readonly #o: WebhookReceiverOptions;
  readonly #seen = new Set<string>();
  #server: Server | undefined;
  #port: number;

  constructor(options: WebhookReceiverOptions) {
    this.#o = options;
    this.#port = options.port ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}/webhooks/ejp`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
        this.#receive(Buffer.concat(chunks).toString('utf8'), headers).then(
          (status) => response.writeHead(status).end(),
          () => response.writeHead(500).end(),
        );
      });
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve));
    this.#port = (server.address() as AddressInfo).port;
  }

  /** Closes the port: deliveries meanwhile fail, and the platform retries them. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #receive(body: string, headers: Record<string, string>): Promise<number> {
    const event = this.#verify(body, headers);
    if (!event) return 401;
    if (this.#seen.has(event.id)) return 204;
    await this.#o.onEvent(event);
    this.#seen.add(event.id);
    return 204;
  }

  #verify(body: string, headers: Record<string, string>): DeliveredEvent | undefined {
    for (const secret of this.#o.secrets()) {
      try {
        return new Webhook(secret).verify(body, headers) as DeliveredEvent;
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
      }
    }
    return undefined;
  }
}
