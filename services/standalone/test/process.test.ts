import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { http, isoDate, killLeftovers, readAllEvents, type StandaloneProcess, startProcess, tempDataDir } from './support.ts';

const data = tempDataDir();
afterEach(() => killLeftovers());
afterAll(() => data.remove());

describe('npm start: every service in one process', () => {
  it('runs a journey over HTTP, serves it as a timeline, and keeps it across a SIGTERM and restart', async () => {
    const employeeId = randomUUID();
    const base = `/employees/${employeeId}`;
    const email = `kim.${employeeId.slice(0, 8)}@example.com`;
    let app: StandaloneProcess = await startProcess(data.dir);

    // One port: health, docs, commands and queries all answer on it.
    const ready = await http(app.url, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`).sort()).toEqual(['eventstore:up', 'readstore:up']);
    const docs = await http(app.url, 'GET', '/docs/json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/employees',
        '/employees/{employeeId}/onboarding/check-ins',
        '/employees/{employeeId}/probation',
        '/employees/{employeeId}/timeline',
        '/employees/{employeeId}/journey',
        '/healthz',
        '/readyz',
      ]),
    );

    // Started five weeks ago, so the 30-day check-in is allowed today.
    const hire = await http(app.url, 'POST', '/employees', {
      employeeId,
      givenName: 'Kim',
      familyName: 'Tanaka',
      email,
      department: 'Engineering',
      role: 'Software Engineer',
      level: 'IC3',
      managerId: null,
      location: 'Lisbon',
      startDate: isoDate(-35),
    });
    expect(hire.status, JSON.stringify(hire.body)).toBe(201);
    expect((await http(app.url, 'POST', `${base}/onboarding/welcome`, { message: 'Welcome aboard, Kim!' })).status).toBe(200);
    expect((await http(app.url, 'POST', `${base}/onboarding/tasks/equipment-ready/complete`)).status).toBe(200);
    const checkIn = await http(app.url, 'POST', `${base}/onboarding/check-ins`, { day: 30, rating: 4, notes: 'Kim is settling in well' });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);
    const revision = Number(checkIn.body.revision);
    expect(revision).toBe(6); // hired, plan, welcome + its task, equipment, check-in + its task

    // Read-your-writes: minRevision waits until the in-process bus has projected the command.
    const timeline = await http(app.url, 'GET', `${base}/timeline?minRevision=${revision}`);
    expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
    expect(timeline.body.projectedRevision).toBe(revision);
    expect(timeline.body.items.map((item: { type: string }) => item.type)).toEqual([
      'journey.employee.hired',
      'journey.onboarding.plan-assigned',
      'journey.onboarding.welcome-message-sent',
      'journey.onboarding.task-completed',
      'journey.onboarding.task-completed',
      'journey.onboarding.check-in-recorded',
      'journey.onboarding.task-completed',
    ]);
    // Personal data is encrypted in the events and never reaches the read models.
    const served = JSON.stringify(timeline.body);
    for (const secret of [email, 'Kim', 'Welcome aboard', 'settling in']) expect(served).not.toContain(secret);
    expect(timeline.body.items[0].withheld).toEqual(expect.arrayContaining(['$.email', '$.givenName']));
    const journey = await http(app.url, 'GET', `${base}/journey`);
    expect(journey.body).toMatchObject({ stage: 'onboarding', checkInsDone: [30], projectedRevision: revision });

    expect(await app.stop()).toBe(0);
    expect(app.output()).toContain('"msg":"shutdown complete"');
    // First start: the master key that wraps the data keys was created beside the database, not in it, and logged.
    const masterKeyFile = join(data.dir, 'master.key');
    expect(statSync(masterKeyFile).mode & 0o777).toBe(0o600);
    expect(app.output()).toContain(`keystore: created the master key in ${masterKeyFile}`);
    expect(app.output()).toContain(`master key:         ${masterKeyFile} (created now`);
    const stored = await readAllEvents(join(data.dir, 'events.db'));
    const raw = JSON.stringify(stored.map((event) => event.data));
    expect(raw).toContain(employeeId);
    for (const secret of [email, 'Tanaka', 'Welcome aboard', 'settling in']) expect(raw).not.toContain(secret);

    // Same DATA_DIR: the timeline is served from the persisted read models, unchanged.
    app = await startProcess(data.dir);
    expect(app.output()).toContain(`keystore: master key in ${masterKeyFile}`);
    const again = await http(app.url, 'GET', `${base}/timeline`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(timeline.body);

    // The bus resumes from its checkpoint: the next command adds exactly its own touchpoints.
    const sixty = await http(app.url, 'POST', `${base}/onboarding/check-ins`, { day: 60, rating: 5 });
    expect(sixty.status).toBe(200);
    const after = await http(app.url, 'GET', `${base}/timeline?minRevision=${sixty.body.revision}`);
    expect(after.body.items.slice(0, 7)).toEqual(timeline.body.items);
    expect(after.body.items.slice(7).map((item: { title: string }) => item.title)).toHaveLength(2);
    expect(await app.stop()).toBe(0);

    // Graceful shutdown flushed the bus checkpoint (kept with the read models) up to the last event.
    const events = await readAllEvents(join(data.dir, 'events.db'));
    const db = new DatabaseSync(join(data.dir, 'read-models.db'), { readOnly: true });
    const checkpoint = db.prepare('SELECT position FROM bus_checkpoints WHERE subscriber_id = ?').get('bus:timeline') as { position: number | bigint };
    db.close();
    expect(BigInt(checkpoint.position)).toBe(events.at(-1)!.position);

    // An upgrade that bumps a projection's version: the read models of the old one are rebuilt at start.
    const readModels = new DatabaseSync(join(data.dir, 'read-models.db'));
    readModels.prepare(`UPDATE rm__meta SET doc = '{"value":0}' WHERE id = 'projection:journey-status:version'`).run();
    readModels.prepare(`UPDATE rm_journeys SET doc = json_set(doc, '$.stage', 'alumni')`).run();
    readModels.close();
    app = await startProcess(data.dir);
    const rebuilt = await http(app.url, 'GET', `${base}/journey?minRevision=${sixty.body.revision}`);
    expect(rebuilt.body).toMatchObject({ stage: 'onboarding', checkInsDone: [30, 60] });
    expect(app.output()).toContain('rebuilding them from the event store');
    expect((await http(app.url, 'GET', `${base}/timeline`)).body.items).toHaveLength(9);
    expect(await app.stop()).toBe(0);
  });

  it('stops with exit code 1 and names the variable when the configuration is bad', async () => {
    await expect(startProcess(data.dir, [], { PORT: 'eighty' })).rejects.toThrow(/exited with 1[\s\S]*PORT/);
    await expect(startProcess(data.dir, ['--verbose'])).rejects.toThrow(/exited with 1[\s\S]*--verbose/);
  });
});
