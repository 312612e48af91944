import { createLogger, createServiceApp, loadConfig } from '@ejp/service-kit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { standaloneConfigSchema } from '../src/config.ts';
import { SimulatedCaller } from '../src/demo/simulated-caller.ts';

async function appWithWhoAmI() {
  const config = loadConfig(standaloneConfigSchema, { AUTH_MODE: 'off', LOG_LEVEL: 'silent' });
  const caller = new SimulatedCaller();
  const app = await createServiceApp({ name: 'caller-test', config, logger: createLogger({ name: 'test', level: 'silent' }), actingUser: caller.current });
  app.get(
    '/whoami',
    { config: { access: { roles: ['manager'] } }, schema: { operationId: 'whoAmI', response: { 200: z.object({ subject: z.string(), roles: z.array(z.string()) }) } } },
    async (request) => ({ subject: request.user!.subject, roles: request.user!.roles }),
  );
  await app.ready();
  return { app, caller };
}

describe('SimulatedCaller under AUTH_MODE=off', () => {
  it('acts as the demo actor while seeding, and as the dev user otherwise', async () => {
    const { app, caller } = await appWithWhoAmI();
    const acting = await caller.as({ subject: 'manager-7', roles: ['manager'] }, () => app.inject({ method: 'GET', url: '/whoami' }));
    expect(acting.json()).toEqual({ subject: 'manager-7', roles: ['manager'] });
    expect((await app.inject({ method: 'GET', url: '/whoami' })).json().subject).toBe('dev-user');
    await app.close();
  });

  it('refuses an actor whose roles the route does not admit, as a token with those roles would be', async () => {
    const { app, caller } = await appWithWhoAmI();
    const refused = await caller.as({ subject: 'employee-3', roles: ['employee'] }, () => app.inject({ method: 'GET', url: '/whoami' }));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('EJP_FORBIDDEN');
    await app.close();
  });

  it('runs one command at a time', async () => {
    const caller = new SimulatedCaller();
    await expect(caller.as({ subject: 'a', roles: ['hr'] }, () => caller.as({ subject: 'b', roles: ['hr'] }, async () => 1))).rejects.toThrow(/one at a time/);
  });
});
