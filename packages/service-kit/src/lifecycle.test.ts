import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { captureLogs } from '../test/helpers.ts';
import { type ProcessControl, ResourceStack, installShutdownHandlers } from './lifecycle.ts';

class FakeProcess extends EventEmitter implements ProcessControl {
  readonly exitCodes: number[] = [];
  readonly exited: Promise<number>;
  #resolveExit!: (code: number) => void;

  constructor() {
    super();
    this.exited = new Promise((resolve) => {
      this.#resolveExit = resolve;
    });
  }

  exit(code: number): void {
    this.exitCodes.push(code);
    this.#resolveExit(code);
  }
}

describe('ResourceStack', () => {
  it('closes newest first and keeps going after a failure', async () => {
    const closed: string[] = [];
    const resources = new ResourceStack();
    resources.add('telemetry', () => {
      closed.push('telemetry');
    });
    resources.add('eventstore', async () => {
      closed.push('eventstore');
      throw new Error('already closed');
    });
    resources.add('http-server', async () => {
      closed.push('http-server');
    });
    const { logger, lines } = captureLogs();
    expect(await resources.closeAll(logger)).toBe(false);
    expect(closed).toEqual(['http-server', 'eventstore', 'telemetry']);
    expect(lines.find((line) => line.msg === 'resource failed to close')).toMatchObject({ resource: 'eventstore' });
    expect(resources.names).toEqual([]);
  });
});

describe('installShutdownHandlers', () => {
  it('closes everything on SIGTERM and exits 0', async () => {
    const proc = new FakeProcess();
    const closed: string[] = [];
    const resources = new ResourceStack();
    resources.add('a', () => void closed.push('a'));
    resources.add('b', () => void closed.push('b'));
    installShutdownHandlers({ resources, logger: captureLogs().logger, timeoutMs: 1_000, process: proc });

    proc.emit('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(closed).toEqual(['b', 'a']);
  });

  it('exits 1 when a resource fails to close', async () => {
    const proc = new FakeProcess();
    const resources = new ResourceStack();
    resources.add('broken', () => {
      throw new Error('nope');
    });
    installShutdownHandlers({ resources, logger: captureLogs().logger, timeoutMs: 1_000, process: proc });
    proc.emit('SIGINT');
    expect(await proc.exited).toBe(1);
  });

  it('exits 1 when closing takes longer than the deadline', async () => {
    const proc = new FakeProcess();
    const resources = new ResourceStack();
    resources.add('hangs', () => new Promise<void>(() => {}));
    const { logger, lines } = captureLogs();
    installShutdownHandlers({ resources, logger, timeoutMs: 50, process: proc });
    proc.emit('SIGTERM');
    expect(await proc.exited).toBe(1);
    expect(lines.some((line) => line.msg === 'shutdown timed out; exiting')).toBe(true);
  });

  it('a second signal exits 1 at once', async () => {
    const proc = new FakeProcess();
    const resources = new ResourceStack();
    resources.add('slow', () => new Promise<void>((resolve) => setTimeout(resolve, 500)));
    installShutdownHandlers({ resources, logger: captureLogs().logger, timeoutMs: 5_000, process: proc });
    proc.emit('SIGTERM');
    proc.emit('SIGINT');
    expect(proc.exitCodes).toEqual([1]);
  });
});
