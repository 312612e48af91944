import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { onboardingJourney, toEnvelopes } from '@ejp/projection-kit/testing';
import { createProjector } from '@ejp/projector';
import { openMongoReadStore } from '@ejp/readstore';
import { createTestMongoDb, findServer, urlOf } from '@ejp/testkit';
import { describe, expect, it } from 'vitest';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api_main')).db : undefined;

describe.runIf(mongo.available)('node services/journey-api/src/main.ts (MongoDB)', () => {
  it('serves the read models the projector wrote, reports ready, and shuts down cleanly', async () => {
    const prefix = 'api_';
    const store = await openMongoReadStore({ db: mongoDb!, collectionPrefix: prefix });
    const projection = createProjector(store);
    await projection.init();
    const id = randomUUID();
    await projection.handle(toEnvelopes(id, onboardingJourney(id)));

    const child = spawn(process.execPath, [new URL('../src/main.ts', import.meta.url).pathname], {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        HOST: '127.0.0.1',
        AUTH_MODE: 'off',
        READSTORE_BACKEND: 'mongodb',
        READSTORE_URL: urlOf(mongo),
        READSTORE_DATABASE: mongoDb!.databaseName,
        READSTORE_PREFIX: prefix,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /"url":"(http:[^"]+)".*"msg":"service listening"/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`journey-api exited with ${code}:\n${output}`)));
      });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const timeline = (await (await fetch(`${url}/employees/${id}/timeline?limit=200`)).json()) as { items: unknown[] };
      expect(timeline.items).toHaveLength(10);
      expect((await fetch(`${url}/employees/${randomUUID()}/journey`)).status).toBe(404);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await store.close();
    }
  }, 30_000);
});
