import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, loadConfig, ResourceStack, type ServiceApp, signDevToken } from '@ejp/service-kit';
import { buildStandaloneApp, standaloneConfigSchema } from '@ejp/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredToAdmit, type MatrixRole, type Operation, operationsOf, PERSON_PARAMS, RELATIONSHIPS, type Relationship, ROLES, SERVICE_SCOPE } from './declared-policy.ts';

// Every route of the standalone app (all services, on SQLite) x role x
// relationship, against what its route table declares: allowed callers get
// past the access check (any answer but 403 EJP_FORBIDDEN), refused ones get
// 403 problem+json before anything is looked up, the same for an unknown
// employee as for an unrelated one.

const SECRET = 'route-access-matrix-secret-of-32-characters';

/** A small organisation: the CEO, a head reporting to them, a lead reporting to the head, the target reporting to the lead; and someone elsewhere. */
const org = { ceo: randomUUID(), head: randomUUID(), lead: randomUUID(), target: randomUUID(), elsewhere: randomUUID() };

/** Who calls, and about whom, for each relationship. */
const cases: Record<Relationship, { caller: string; about: string }> = {
  self: { caller: org.target, about: org.target },
  'direct report': { caller: org.lead, about: org.target },
  'skip-level report': { caller: org.head, about: org.target },
  unrelated: { caller: org.elsewhere, about: org.target },
  'unknown id': { caller: org.lead, about: randomUUID() },
};

function hireBody(employeeId: string, managerId: string | null) {
  return {
    employeeId, givenName: 'Matrix', familyName: employeeId.slice(0, 6), email: `${employeeId.slice(0, 8)}@example.com`, department: 'Engineering',
    role: 'Engineer', level: 'L3', managerId, location: 'Lisbon', startDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
  };
}

async function token(role: MatrixRole, subject: string): Promise<string> {
  const bearer = role === 'service'
    ? await signDevToken({ secret: SECRET, subject: 'it-provisioning-bot', roles: ['service'], scope: SERVICE_SCOPE })
    : await signDevToken({ secret: SECRET, subject, roles: [role] });
  return `Bearer ${bearer}`;
}

/** A concrete URL for an operation: people from the case, the IT task of the default plan, ids nobody made. */
function urlOf(operation: Operation, about: string): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if ((PERSON_PARAMS as readonly string[]).includes(name)) return about;
    if (name === 'taskId') return 'equipment-ready';
    if (name === 'valueId') return 'teamwork';
    return randomUUID();
  });
}

interface Standalone {
  app: ServiceApp;
  close(): Promise<void>;
}

async function standalone(depth: number): Promise<Standalone> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ejp-access-matrix-'));
  const config = loadConfig(standaloneConfigSchema, {
    DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, ACCESS_MANAGER_DEPTH: String(depth),
  });
  const logger = createLogger({ name: 'access-matrix', level: 'silent' });
  const resources = new ResourceStack();
  const { app } = await buildStandaloneApp({ config, logger, resources });
  resources.add('app', () => app.close());
  await app.ready();
  const hr = { authorization: await token('hr', 'hr-1') };
  for (const [id, manager] of [[org.ceo, null], [org.head, org.ceo], [org.lead, org.head], [org.target, org.lead], [org.elsewhere, null]] as const) {
    const hired = await app.inject({ method: 'POST', url: '/employees', headers: hr, payload: hireBody(id, manager) });
    expect(hired.statusCode, hired.body).toBe(201);
    // The access read model is projected by the in-process bus: wait for the line before the matrix relies on it.
    const seen = await app.inject({ method: 'GET', url: `/employees/${id}/journey?minRevision=${hired.json().revision}`, headers: hr });
    expect(seen.statusCode, seen.body).toBe(200);
  }
  return {
    app,
    close: async () => {
      await resources.closeAll(logger);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Cell {
  operation: Operation;
  role: MatrixRole;
  relationship: Relationship;
  expected: 'allowed' | 'refused';
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** Sends every cell (no body: an allowed command may answer 400; a refused one must be refused before its body is even read). */
async function runMatrix(app: ServiceApp, operations: Operation[], depth: number, roles: readonly MatrixRole[] = ROLES): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const operation of operations) {
    for (const role of roles) {
      for (const relationship of RELATIONSHIPS) {
        const { caller, about } = cases[relationship];
        const response = await app.inject({ method: operation.method as 'GET', url: urlOf(operation, about), headers: { authorization: await token(role, caller) } });
        cells.push({
          operation, role, relationship,
          expected: declaredToAdmit(operation.access!, role, relationship, depth) ? 'allowed' : 'refused',
          status: response.statusCode,
          contentType: String(response.headers['content-type'] ?? ''),
          body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {},
        });
      }
    }
  }
  return cells;
}

const label = (cell: Cell) => `${cell.operation.method} ${cell.operation.path} as ${cell.role} (${cell.relationship}): ${cell.status} ${JSON.stringify(cell.body).slice(0, 160)}`;
const forbidden = (cell: Cell) => cell.status === 403 && cell.body.code === 'EJP_FORBIDDEN';

function expectCellsMatchTheirDeclarations(cells: Cell[]): void {
  const wrong = cells.filter((cell) => (cell.expected === 'allowed' ? forbidden(cell) : !forbidden(cell) || !cell.contentType.includes('application/problem+json')));
  expect(wrong.map(label)).toEqual([]);
  // Refused before the body was read: a route that needs one would otherwise have answered 400.
  const refusedWithBody = cells.filter((cell) => cell.expected === 'refused' && cell.operation.hasBody);
  expect(refusedWithBody.length).toBeGreaterThan(0);
  // An unknown employee and an unrelated one get the very same refusal.
  for (const cell of cells.filter((c) => c.relationship === 'unknown id' && c.expected === 'refused')) {
    const twin = cells.find((c) => c.operation === cell.operation && c.role === cell.role && c.relationship === 'unrelated')!;
    expect(twin.expected, label(twin)).toBe('refused');
    const { instance: _a, ...unknown } = cell.body;
    const { instance: _b, ...unrelated } = twin.body;
    expect(unknown, label(cell)).toEqual(unrelated);
  }
}

describe('route access matrix on the standalone app', () => {
  let direct: Standalone;
  let operations: Operation[];
  beforeAll(async () => {
    direct = await standalone(1);
    operations = operationsOf(direct.app.swagger() as unknown as Parameters<typeof operationsOf>[0]);
  });
  afterAll(async () => {
    await direct?.close();
  });

  it('finds every route in the document, each public or with an access declaration', () => {
    const undeclared = operations.filter((o) => !o.public && o.access === undefined).map((o) => `${o.method} ${o.path}`);
    expect(undeclared).toEqual([]);
    const ids = operations.map((o) => o.operationId);
    // The services' route tables all reached the document (a sample of each).
    expect(ids).toEqual(expect.arrayContaining(['hireEmployee', 'changeManager', 'recordCheckIn', 'completeOnboardingTask', 'startOffboarding', 'completeOffboardingTask', 'giveRecognition', 'withdrawRecognition', 'addCompanyValue', 'getTimeline', 'getJourneyStatus', 'getOffboardingProgress', 'getAttrition', 'listAlumni', 'getOrganisationSettings', 'getPersonalDetails', 'createWebhookSubscription', 'rotateWebhookSecret', 'listWebhookDeliveries', 'redeliverWebhookEvent']));
    expect(operations.filter((o) => !o.public).length).toBeGreaterThanOrEqual(35);
  });

  it('never grants the employee or manager role wholesale on a route about one person (that was the defect)', () => {
    // Reactions name the giver of a recognition the reactor can see; the recognition service answers 404 for any other, known or not.
    const byDesign = new Set(['reactToRecognition']);
    const wholesale = operations.filter(
      (o) => PERSON_PARAMS.some((p) => o.path.includes(`{${p}}`)) && !byDesign.has(o.operationId) && (o.access?.roles ?? []).some((r) => r === 'employee' || r === 'manager'),
    );
    expect(wholesale.map((o) => o.operationId)).toEqual([]);
  });

  it('admits exactly what each route declares: every route x role x relationship (direct reports only)', async () => {
    const protectedOperations = operations.filter((o) => !o.public);
    const cells = await runMatrix(direct.app, protectedOperations, 1);
    expect(cells).toHaveLength(protectedOperations.length * ROLES.length * RELATIONSHIPS.length);
    expectCellsMatchTheirDeclarations(cells);
    // The defects of the issue, spelled out rather than derived: a manager outside the line reads and writes no journey or check-in.
    const at = (operationId: string, role: MatrixRole, relationship: Relationship) =>
      cells.find((c) => c.operation.operationId === operationId && c.role === role && c.relationship === relationship)!;
    for (const operationId of ['getJourneyStatus', 'getTimeline', 'recordCheckIn']) {
      expect(forbidden(at(operationId, 'manager', 'unrelated')), operationId).toBe(true);
      expect(forbidden(at(operationId, 'manager', 'skip-level report')), operationId).toBe(true);
      expect(forbidden(at(operationId, 'manager', 'direct report')), operationId).toBe(false);
    }
    expect(at('getJourneyStatus', 'employee', 'self').status).toBe(200);
    expect(forbidden(at('getJourneyStatus', 'employee', 'unrelated'))).toBe(true);
    expect(at('getJourneyStatus', 'hr', 'unknown id').status).toBe(404);
    // Command routes too: an employee no longer learns that someone exists (404 versus 409).
    expect(forbidden(at('assignBuddy', 'employee', 'unknown id'))).toBe(true);
    expect(forbidden(at('completeOnboardingTask', 'service', 'unknown id'))).toBe(false);
    expect(forbidden(at('startOffboarding', 'service', 'direct report'))).toBe(true);
    expect(forbidden(at('changeManager', 'manager', 'direct report'))).toBe(true);
    // Personal details: only a service account whose scope names personal-data; the matrix's IT bot holds tasks:it alone, and HR is no service.
    for (const role of ROLES) expect(forbidden(at('getPersonalDetails', role, 'direct report')), role).toBe(true);
    // Webhooks are the admins' alone.
    for (const operationId of ['createWebhookSubscription', 'getWebhookSecrets', 'redeliverWebhookEvent']) {
      expect(forbidden(at(operationId, 'admin', 'unrelated')), operationId).toBe(false);
      expect(forbidden(at(operationId, 'hr', 'unrelated')), operationId).toBe(true);
    }
  });

  it('reaches skip-level reports when ACCESS_MANAGER_DEPTH=2 (the manager rows of the matrix)', async () => {
    const skip = await standalone(2);
    try {
      const protectedOperations = operations.filter((o) => !o.public);
      const cells = await runMatrix(skip.app, protectedOperations, 2, ['manager']);
      expectCellsMatchTheirDeclarations(cells);
      const journey = cells.find((c) => c.operation.operationId === 'getJourneyStatus' && c.relationship === 'skip-level report')!;
      expect(journey.status, label(journey)).toBe(200);
    } finally {
      await skip.close();
    }
  });
});
