import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, loadConfig, ResourceStack, signDevToken } from '@ejp/service-kit';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildStandaloneApp, standaloneConfigSchema } from '../src/index.ts';

const SECRET = 'standalone-personal-details-secret-32-chars';
const dataDir = mkdtempSync(join(tmpdir(), 'ejp-standalone-details-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const bearer = async (subject: string, roles: string[], scope?: string) => ({
  authorization: `Bearer ${await signDevToken({ secret: SECRET, subject, roles, ...(scope ? { scope } : {}) })}`,
});

describe('personal details on request, in the one process', () => {
  it('lists every request, answered and refused, in the audit trail admins read', async () => {
    const config = loadConfig(standaloneConfigSchema, { DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET });
    const logger = createLogger({ name: 'details-audit', level: 'silent' });
    const resources = new ResourceStack();
    const { app } = await buildStandaloneApp({ config, logger, resources });
    resources.add('app', () => app.close());
    try {
      const employeeId = randomUUID();
      const hire = {
        employeeId, givenName: 'Hedy', familyName: 'Lamarr', email: `hedy.${employeeId.slice(0, 8)}@example.com`, department: 'Research',
        role: 'Inventor', level: 'L5', managerId: null, location: 'Vienna', startDate: '2026-12-01',
      };
      expect((await app.inject({ method: 'POST', url: '/employees', headers: await bearer('hr-1', ['hr']), payload: hire })).statusCode).toBe(201);
      const url = `/employees/${employeeId}/personal-details?purpose=payroll-sync`;
      const payroll = await app.inject({ method: 'GET', url, headers: await bearer('payroll', ['service'], 'personal-data:name') });
      expect(payroll.json()).toEqual({ employeeId, fields: ['givenName', 'familyName'], givenName: 'Hedy', familyName: 'Lamarr' });
      expect((await app.inject({ method: 'GET', url, headers: await bearer('lake', ['service'], 'analytics') })).statusCode).toBe(403);

      const admin = await bearer('admin-1', ['admin']);
      await vi.waitFor(
        async () => {
          const trail = (await app.inject({ method: 'GET', url: `/audit-trail?action=personal-data-request&subject=${employeeId}`, headers: admin })).json();
          expect(trail.items.map((entry: { actorId: string; data: Record<string, unknown> }) => [entry.actorId, entry.data.outcome, entry.data.fields, entry.data.purpose]).sort()).toEqual([
            ['lake', 'refused', [], 'payroll-sync'],
            ['payroll', 'disclosed', ['givenName', 'familyName'], 'payroll-sync'],
          ]);
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      await resources.closeAll(logger);
    }
  });
});
