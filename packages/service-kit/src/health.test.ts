import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs, testConfig } from '../test/helpers.ts';
import { type ServiceApp, createServiceApp } from './create-service-app.ts';
import type { ReadinessCheck } from './health.ts';

let app: ServiceApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function appWith(checks: ReadinessCheck[]) {
  const logs = captureLogs();
  app = await createServiceApp({ name: 'health-test', config: testConfig(), logger: logs.logger, readinessChecks: checks });
  await app.ready();
  return { app, logs };
}

describe('/healthz', () => {
  it('is 200 while the process runs, whatever the dependencies do', async () => {
    const { app } = await appWith([{ name: 'eventstore', check: async () => Promise.reject(new Error('down')) }]);
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('/readyz', () => {
  it('is 200 with each check, then 503 naming the dependency that went down', async () => {
    let kafkaUp = true;
    const { app, logs } = await appWith([
      { name: 'eventstore', check: async () => {} },
      {
        name: 'kafka',
        check: async () => {
          if (!kafkaUp) throw new Error('connect ECONNREFUSED 10.0.0.7:9092');
        },
      },
    ]);

    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      checks: [
        { name: 'eventstore', status: 'up' },
        { name: 'kafka', status: 'up' },
      ],
    });

    kafkaUp = false;
    const notReady = await app.inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['content-type']).toContain('application/problem+json');
    const problem = notReady.json();
    expect(problem).toMatchObject({ status: 503, code: 'EJP_UNAVAILABLE', detail: 'Not ready: kafka (failed).' });
    expect(problem.checks).toEqual([
      expect.objectContaining({ name: 'eventstore', status: 'up' }),
      expect.objectContaining({ name: 'kafka', status: 'down', reason: 'failed' }),
    ]);
    // The cause is for operators (logs), not for whoever can reach the probe.
    expect(notReady.body).not.toContain('10.0.0.7');
    const warning = logs.lines.find((line) => line.check === 'kafka');
    expect(JSON.stringify(warning)).toContain('10.0.0.7');

    kafkaUp = true;
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('times out a hung check and aborts its signal', async () => {
    let aborted = false;
    const { app } = await appWith([
      {
        name: 'mongodb',
        timeoutMs: 50,
        check: (signal) =>
          new Promise<void>(() => {
            signal.addEventListener('abort', () => {
              aborted = true;
            });
          }),
      },
    ]);
    const started = Date.now();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toBe('Not ready: mongodb (timed out after 50 ms).');
    expect(aborted).toBe(true);
  });

  it('refuses two checks with the same name', async () => {
    await expect(
      appWith([
        { name: 'db', check: async () => {} },
        { name: 'db', check: async () => {} },
      ]),
    ).rejects.toThrow('readiness check "db" is registered twice');
  });
});
