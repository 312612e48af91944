import { envelopeOf } from '@ejp/contracts';
import type { EventStore, RecordedEvent, Subscription } from '@ejp/eventstore';
import type { FastifyReply } from 'fastify';
import type { ServiceApp } from '@ejp/service-kit';

/**
 * One request's live progress as Server-Sent Events: the events recorded so
 * far (after the client's Last-Event-ID), then each new one as the store
 * records it, from a catch-up subscription on the request's stream that
 * starts right after the last event read: no gap, no duplicate. A comment
 * line every `heartbeatMs` keeps proxies from closing an idle stream; the
 * app closing (shutdown) ends every stream first, so draining never waits on one.
 */

export interface FollowOptions {
  store: EventStore;
  stream: string;
  recorded: readonly RecordedEvent[];
  /** Revisions up to this one the client has (Last-Event-ID); -1 for none. */
  afterRevision: bigint;
  heartbeatMs?: number;
}

const frame = (event: RecordedEvent) => `id: ${event.revision}\nevent: ${event.type}\ndata: ${JSON.stringify(envelopeOf(event))}\n\n`;

/** Registers the shutdown hook on the app (before it is ready) and returns what a route streams a request with. */
export function liveProgress(app: ServiceApp): (reply: FastifyReply, options: FollowOptions) => void {
  const closers = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...closers]) close();
  });
  return (reply, options) => follow(closers, reply, options);
}

function follow(closers: Set<() => void>, reply: FastifyReply, options: FollowOptions): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  raw.write(': following\n\n');
  for (const event of options.recorded) if (event.revision > options.afterRevision) raw.write(frame(event));
  let subscription: Subscription | undefined;
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    closers.delete(close);
    void subscription?.stop();
    if (!raw.writableEnded) raw.end();
  };
  closers.add(close);
  raw.on('close', close);
  const last = options.recorded.at(-1);
  subscription = options.store.subscribeToAll({
    // The stream's own name is a prefix no other stream has: request ids are UUIDs of one length.
    filter: { streamPrefixes: [options.stream] },
    ...(last ? { after: last.position } : {}),
    handler: async (event) => {
      if (event.streamName === options.stream && event.revision > options.afterRevision) raw.write(frame(event));
    },
    onError: close,
  });
}
