/**
 * A Server-Sent Events client on a real HTTP connection, for tests of live
 * streams: it collects each frame (`id`, `event`, `data` parsed as JSON) as
 * it arrives; comment lines (heartbeats) are skipped.
 */

export interface EventStreamFrame {
  id: string;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests check frames field by field
  data: any;
}

export interface EventStreamClient {
  response: Response;
  frames: EventStreamFrame[];
  /** Resolves once `count` frames arrived, or after `timeoutMs` (default 10 s) with what came. */
  until(count: number, timeoutMs?: number): Promise<EventStreamFrame[]>;
  close(): Promise<void>;
}

export async function followEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal });
  const frames: EventStreamFrame[] = [];
  const reading = (async () => {
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n').filter((line) => !line.startsWith(':'));
          buffer = buffer.slice(end + 2);
          if (lines.length === 0) continue;
          const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
          frames.push({ id: field('id'), event: field('event'), data: JSON.parse(field('data') || 'null') });
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    response,
    frames,
    async until(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (frames.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return frames;
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}
