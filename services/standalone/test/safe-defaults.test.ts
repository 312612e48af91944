import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { http, killLeftovers, startProcess, tempDataDir } from './support.ts';

const data = tempDataDir();
afterEach(() => killLeftovers());
afterAll(() => data.remove());

/** An address of this machine that is not loopback (what a colleague on the network would connect to), if it has one. */
function networkAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start with AUTH_MODE=off binds safely', () => {
  it('listens on 127.0.0.1 when HOST is not set, and says so', async () => {
    const app = await startProcess(data.dir, [], { HOST: undefined });
    try {
      expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await http(app.url, 'GET', '/healthz')).status).toBe(200);
      const port = Number(new URL(app.url).port);
      const lan = networkAddress();
      if (lan) expect(await reachable(lan, port)).toBe(false);
      expect(app.output()).toContain('this machine only');
      expect(app.output()).toContain("can read and change every employee's data");
    } finally {
      await app.stop();
    }
  });

  it('refuses a non-loopback HOST without the opt-in, naming HOST and the risk', async () => {
    const refused = startProcess(data.dir, [], { HOST: '0.0.0.0' });
    await expect(refused).rejects.toThrow(/exited with 1[\s\S]*HOST: is not a loopback address while AUTH_MODE=off[\s\S]*ALLOW_UNAUTHENTICATED_NETWORK=true/);
  });

  it('serves on a non-loopback HOST with ALLOW_UNAUTHENTICATED_NETWORK=true, with a warning', async () => {
    const app = await startProcess(data.dir, [], { HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_NETWORK: 'true' });
    try {
      expect(app.output()).toContain('WARNING: AUTH_MODE=off on 0.0.0.0');
      expect((await http(app.url, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('with authentication on and HOST unset, keeps listening on every interface (containers)', async () => {
    const secret = 'a-standalone-test-secret-of-32-chars!';
    const app = await startProcess(data.dir, [], { HOST: undefined, AUTH_MODE: 'hs256', AUTH_HS256_SECRET: secret });
    try {
      expect(app.url).toMatch(/^http:\/\/localhost:\d+$/);
      expect((await http(app.url, 'GET', '/employees/00000000-0000-4000-8000-000000000000/journey')).status).toBe(401);
    } finally {
      await app.stop();
    }
  });
});
