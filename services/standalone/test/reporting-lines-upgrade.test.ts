import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createLogger, loadConfig, ResourceStack, signDevToken } from '@ejp/service-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { buildStandaloneApp } from '../src/app.ts';
import { standaloneConfigSchema } from '../src/config.ts';
import { isoDate, tempDataDir } from './support.ts';

const data = tempDataDir();
afterAll(() => data.remove());

const SECRET = 'standalone-upgrade-secret-of-32-characters';
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await signDevToken({ secret: SECRET, subject, roles })}` });

async function open() {
  const config = loadConfig(standaloneConfigSchema, { DATA_DIR: data.dir, LOG_LEVEL: 'silent', AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET });
  const logger = createLogger({ name: 'upgrade-test', level: 'silent' });
  const resources = new ResourceStack();
  const { app } = await buildStandaloneApp({ config, logger, resources });
  resources.add('app', () => app.close());
  await app.ready();
  return { app, close: () => resources.closeAll(logger) };
}

describe('an installation from before the reporting lines', () => {
  it('builds them from the event history at start, so managers reach the reports they already had', async () => {
    const [employeeId, managerId] = [randomUUID(), randomUUID()];
    const first = await open();
    const hr = await bearer('hr-1', ['hr']);
    const body = { employeeId, givenName: 'Rui', familyName: 'Costa', email: 'rui@example.com', department: 'Sales', role: 'AE', level: 'IC2', managerId, location: 'Porto', startDate: isoDate(5) };
    const hired = await first.app.inject({ method: 'POST', url: '/employees', headers: hr, payload: body });
    expect(hired.statusCode).toBe(201);
    expect((await first.app.inject({ method: 'GET', url: `/employees/${employeeId}/journey?minRevision=${hired.json().revision}`, headers: hr })).statusCode).toBe(200);
    await first.close();

    // As the read models were before this projection existed: no reporting lines, no version of them.
    const readModels = new DatabaseSync(join(data.dir, 'read-models.db'));
    readModels.prepare('DELETE FROM rm_reporting_lines').run();
    readModels.prepare(`DELETE FROM rm__meta WHERE id = 'projection:reporting-lines:version'`).run();
    readModels.close();

    const second = await open();
    try {
      const asManager = await bearer(managerId, ['manager']);
      const journey = await second.app.inject({ method: 'GET', url: `/employees/${employeeId}/journey`, headers: asManager });
      expect(journey.statusCode, journey.body).toBe(200);
      expect(journey.json().managerId).toBe(managerId);
    } finally {
      await second.close();
    }
  });
});
