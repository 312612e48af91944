import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandEventId } from '@ejp/command-kit';
import { addDays, isoDay } from '@ejp/contracts';
import { type EventStoreSettings, openEventStore } from '@ejp/eventstore';
import { signDevToken } from '@ejp/service-kit';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BoxStreams } from '../../contracts/suggestion-box.ts';
import { startSuggestionBox } from '../main.ts';

// The service as it runs: its main, started through the service kit's
// runService, on a real SQLite file and on real PostgreSQL, driven over HTTP,
// its events read back from the event store it appended to.

const postgres = await findServer('postgres');
const dir = mkdtempSync(join(tmpdir(), 'ejp-kit-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secret = 'suggestion-box-test-secret-of-32-chars!';
const owner = `manager-${randomUUID()}`;
const tokens = {
  owner: await signDevToken({ secret, subject: owner, roles: ['manager'] }),
  otherManager: await signDevToken({ secret, subject: 'manager-other', roles: ['manager'] }),
  employee: await signDevToken({ secret, subject: 'employee-1', roles: ['employee'] }),
};

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

function suite(settings: () => Promise<EventStoreSettings>) {
  let url = '';
  let store: EventStoreSettings = {};
  let shutdown: (reason: string) => Promise<void> = async () => undefined;
  const exit = vi.fn();

  beforeAll(async () => {
    store = await settings();
    const env = Object.fromEntries(Object.entries(store).map(([name, value]) => [name, String(value)]));
    const service = await startSuggestionBox({
      env: { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: secret, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...env },
      process: { on: () => undefined, exit },
    });
    url = service.url;
    shutdown = service.shutdown;
  });
  afterAll(async () => {
    await shutdown('test');
    expect(exit).toHaveBeenCalledWith(0);
  });

  async function call(method: string, path: string, as: keyof typeof tokens, body?: object, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[as]}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  /** The box's stream as stored, read through the event store's own adapter. */
  async function stored(boxId: string) {
    const events = await openEventStore(store);
    try {
      return await events.readStream(BoxStreams.streamOf(boxId));
    } finally {
      await events.close();
    }
  }

  const openBox = (boxId: string, headers: Record<string, string> = {}, title = 'Office') => call('POST', '/boxes', 'owner', { boxId, title }, headers);

  it('opens a box once per Idempotency-Key: the replay answers the same bytes, another body under the key is refused', async () => {
    const boxId = randomUUID();
    const first = await openBox(boxId, { 'idempotency-key': 'open-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/boxes/${boxId}`);
    expect(first.headers.get('etag')).toBe('"0"');
    const eventId = commandEventId(`box-${boxId}`, 'open-1', 0);
    expect(first.body).toEqual({ boxId, revision: '0', events: [{ id: eventId, type: 'test.box.opened', revision: '0' }] });

    const replay = await openBox(boxId, { 'idempotency-key': 'open-1' });
    expect([replay.status, replay.headers.get('etag'), replay.text]).toEqual([201, '"0"', first.text]);
    const reused = await openBox(boxId, { 'idempotency-key': 'open-1' }, 'Kitchen');
    expect([reused.status, reused.body.code]).toEqual([422, 'EJP_IDEMPOTENCY_KEY_REUSED']);
    const again = await openBox(boxId);
    expect([again.status, again.body.code]).toEqual([409, 'EJP_BOX_EXISTS']);

    const events = await stored(boxId);
    expect(events.map((e) => [e.id, e.type, e.revision])).toEqual([[eventId, 'test.box.opened', 0n]]);
    expect(events[0]!.data).toEqual({ boxId, title: 'Office', ownerId: owner, responseDays: 14 });
    expect(events[0]!.metadata).toMatchObject({ version: 1, actor: { id: owner, kind: 'manager' } });
  });

  it('keeps If-Match: a stale revision is a 412 naming the current one, and nothing is appended', async () => {
    const boxId = randomUUID();
    expect((await openBox(boxId)).status).toBe(201);
    const drop = (ifMatch: string) => call('POST', `/boxes/${boxId}/suggestions`, 'employee', { suggestionId: randomUUID(), text: 'More plants' }, { 'if-match': ifMatch });
    const dropped = await drop('"0"');
    expect([dropped.status, dropped.headers.get('etag')]).toEqual([201, '"1"']);
    const stale = await drop('"0"');
    expect([stale.status, stale.body.code, stale.body.currentRevision]).toEqual([412, 'EJP_PRECONDITION_FAILED', '1']);
    expect((await stored(boxId)).map((e) => e.type)).toEqual(['test.box.opened', 'test.box.suggestion-dropped']);
  });

  it('answers every suggestion before the box closes, by its owner only', async () => {
    const boxId = randomUUID();
    const suggestionId = randomUUID();
    const answerUrl = `/boxes/${boxId}/suggestions/${suggestionId}/answer`;
    await openBox(boxId);
    expect((await call('POST', `/boxes/${boxId}/suggestions`, 'employee', { suggestionId, text: 'A second coffee machine' })).status).toBe(201);

    const early = await call('DELETE', `/boxes/${boxId}`, 'owner');
    expect([early.status, early.body.code, early.body.unanswered]).toEqual([409, 'EJP_SUGGESTIONS_UNANSWERED', [suggestionId]]);
    expect((await call('POST', answerUrl, 'otherManager', { answer: 'No.' })).body.code).toBe('EJP_NOT_BOX_OWNER');
    expect((await call('POST', answerUrl, 'employee', { answer: 'Yes!' })).body.code).toBe('EJP_FORBIDDEN');
    expect((await call('POST', answerUrl, 'owner', { answer: 'Ordered.' })).status).toBe(200);
    expect((await call('POST', answerUrl, 'owner', { answer: 'Ordered twice.' })).body.code).toBe('EJP_SUGGESTION_ANSWERED');
    const closed = await call('DELETE', `/boxes/${boxId}`, 'owner');
    expect([closed.status, closed.body.revision]).toEqual([200, '3']);
    // Closing again is an empty decision: nothing appended, the current revision answered.
    expect((await call('DELETE', `/boxes/${boxId}`, 'owner')).body).toEqual({ boxId, revision: '3', events: [] });
    expect((await call('POST', `/boxes/${boxId}/suggestions`, 'employee', { suggestionId: randomUUID(), text: 'Late' })).body.code).toBe('EJP_BOX_CLOSED');

    const events = await stored(boxId);
    expect(events.map((e) => e.type)).toEqual(['test.box.opened', 'test.box.suggestion-dropped', 'test.box.suggestion-answered', 'test.box.closed']);
    const dropDay = isoDay(String(events[1]!.metadata.occurredAt));
    expect(events[1]!.data).toEqual({ suggestionId, text: 'A second coffee machine', answerDueBy: addDays(dropDay, 14) });
    expect(events[1]!.metadata.actor).toEqual({ id: 'employee-1', kind: 'employee' });
    expect(events[2]!.data).toEqual({ suggestionId, answer: 'Ordered.', late: false });
  });

  it('answers a bad request with a problem naming the field', async () => {
    const bad = await call('POST', '/boxes', 'owner', { boxId: 'office', title: 'Office', responseDays: 14 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'body.boxId' })]);
    expect((await call('POST', `/boxes/${randomUUID()}/suggestions`, 'employee', { suggestionId: randomUUID(), text: 'x' })).body.code).toBe('EJP_BOX_NOT_FOUND');
  });

  it('is ready, and documents each route under its operationId at /docs', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const docs = (await (await fetch(`${url}/docs/json`)).json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const operationIds = Object.values(docs.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    expect(operationIds).toEqual(expect.arrayContaining(['openSuggestionBox', 'dropSuggestion', 'answerSuggestion', 'closeSuggestionBox']));
  });
}

describe('the suggestion box on a SQLite file', () => {
  suite(async () => ({ EVENTSTORE_BACKEND: 'sqlite', EVENTSTORE_URL: join(dir, 'nested', 'events.db') }));
});

describe.runIf(postgres.available)('the suggestion box on PostgreSQL', () => {
  suite(async () => ({ EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: await createTestDatabase(urlOf(postgres), 'kit_service'), KEYSTORE_MASTER_KEY: randomBytes(32).toString('base64') }));
});
