import { readStoreAccessDirectory } from '@ejp/access';
import type { ReadStore } from '@ejp/readstore';
import { createServiceApp, type Role, type ServiceApp, signDevToken } from '@ejp/service-kit';
import type { RevisionWaiters } from '../src/revision-waiters.ts';
import { registerJourneyApiRoutes } from '../src/routes.ts';

const secret = 'journey-api-test-secret-of-32-characters';

/** The API as main.ts mounts it, with HS256 tokens so tests can act as anyone. */
export async function buildApp(readStore: ReadStore, options: { now?: string; readWaitTimeoutMs?: number; minGroupSize?: number; revisions?: RevisionWaiters } = {}): Promise<ServiceApp> {
  // The reporting lines the projector writes into the same store, as main.ts reads them.
  const app = await createServiceApp({
    name: 'journey-api',
    config: { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: secret, LOG_LEVEL: 'silent' },
    accessDirectory: readStoreAccessDirectory(readStore),
  });
  registerJourneyApiRoutes(app, {
    readStore,
    ...(options.now ? { clock: () => new Date(options.now!) } : {}),
    readWaitTimeoutMs: options.readWaitTimeoutMs ?? 300,
    readWaitPollMs: 10,
    ...(options.minGroupSize ? { minGroupSize: options.minGroupSize } : {}),
    ...(options.revisions ? { revisions: options.revisions } : {}),
  });
  await app.ready();
  return app;
}

export async function bearer(subject: string, roles: Role[]): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await signDevToken({ secret, subject, roles })}` };
}
