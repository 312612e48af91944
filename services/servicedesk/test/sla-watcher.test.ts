import { randomUUID } from 'node:crypto';
import { ServiceRequestStreams } from '@ejp/contracts';
import { createTestDatabase, findServer, urlOf } from '@ejp/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSlaWatcher, SLA_WATCHER_ACTOR, type SlaWatcher } from '../src/sla-watcher.ts';
import { agentId, type DeskApp, laptopItem, ORG, requesterId, seed, startDesk } from './support.ts';

const postgres = await findServer('postgres');
// The watcher reads and follows the store through the port: on each adapter it runs on.
const backends = [
  { name: 'SQLite', open: () => startDesk() },
  ...(postgres.available
    ? [{ name: 'PostgreSQL', open: async () => startDesk({ stores: { EVENTSTORE_BACKEND: 'postgres', EVENTSTORE_URL: await createTestDatabase(urlOf(postgres), 'servicedesk') } }) }]
    : []),
];

let t: DeskApp;
const watchers: SlaWatcher[] = [];
afterEach(async () => {
  for (const watcher of watchers.splice(0)) await watcher.stop();
  await t.close();
});

/** A watcher on the test's store and handler, on the test's clock, never ticking by itself. */
async function startWatcher(): Promise<SlaWatcher> {
  const watcher = createSlaWatcher({ store: t.store, handler: t.handler, organisationId: ORG, clock: () => t.clock.now, checkEveryMs: 3_600_000 });
  watchers.push(watcher);
  await watcher.start();
  return watcher;
}

const eventsOf = async (id: string) => t.raw.readStream(ServiceRequestStreams.streamOf(id));
const typesOf = async (id: string) => (await eventsOf(id)).map((event) => event.type);

describe.each(backends)('the SLA watcher on $name', ({ open }) => {
  beforeEach(async () => {
    t = await open();
    await seed(t);
  });

  it('records a breach once the first-response deadline has passed, once, as a service', async () => {
    const id = randomUUID();
    // Monday 10:00: a first answer is due on Tuesday at 10:00 (8 business hours).
    await t.call('POST', '/servicedesk/requests', requesterId, { requestId: id, itemId: 'laptop-replacement', title: 'No VPN', answers: { assetTag: 'LT-0042' } });
    const watcher = await startWatcher();
    expect(watcher.watched().get(id)?.deadlines.firstResponseDueAt).toBe('2026-03-03T10:00:00.000Z');
    t.clock.now = new Date('2026-03-03T09:59:00Z');
    expect(await watcher.runDue()).toEqual([]);
    t.clock.now = new Date('2026-03-03T10:01:00Z');
    expect(await watcher.runDue()).toEqual([id]);
    expect(await watcher.runDue()).toEqual([]);
    const breach = (await eventsOf(id)).find((event) => event.type === 'servicedesk.request.sla-breached')!;
    expect(breach.data).toMatchObject({ clock: 'first-response', dueAt: '2026-03-03T10:00:00.000Z', requesterId });
    expect(breach.metadata.actor).toEqual(SLA_WATCHER_ACTOR);
    // A second watcher (a replica, a restart) sends the same key: still one breach.
    const again = await startWatcher();
    await again.runDue();
    expect((await typesOf(id)).filter((type) => type === 'servicedesk.request.sla-breached')).toHaveLength(1);
  });

  it('recomputes the deadlines of open requests when the item’s policy changes, from their history', async () => {
    const id = randomUUID();
    const settled = randomUUID();
    for (const requestId of [id, settled]) {
      await t.call('POST', '/servicedesk/requests', requesterId, { requestId, itemId: 'laptop-replacement', title: 'Slow', answers: { assetTag: 'LT-0042' } });
    }
    await t.call('POST', `/servicedesk/requests/${settled}/resolution`, agentId, { resolution: 'Rebooted' });
    await t.call('POST', `/servicedesk/requests/${settled}/closure`, requesterId);
    const watcher = await startWatcher();
    expect(watcher.watched().has(settled)).toBe(false);
    t.clock.now = new Date('2026-03-02T12:00:00Z');
    // Resolution target from two business days to three: due Thursday 10:00 instead of Wednesday.
    const changed = await t.call('PUT', '/servicedesk/items/laptop-replacement', 'admin-1', { ...laptopItem, sla: { ...laptopItem.sla, resolutionMinutes: 1_440 } }, ['admin']);
    expect(changed.statusCode).toBe(200);
    await vi.waitFor(async () => expect(await watcher.runDue()).toEqual([id]), { timeout: 5_000, interval: 100 });
    const recomputed = (await eventsOf(id)).find((event) => event.type === 'servicedesk.request.sla-recomputed')!;
    expect(recomputed.data.deadlines).toEqual({ firstResponseDueAt: '2026-03-03T10:00:00.000Z', resolutionDueAt: '2026-03-05T10:00:00.000Z' });
    await vi.waitFor(() => expect(watcher.watched().get(id)?.deadlines.resolutionDueAt).toBe('2026-03-05T10:00:00.000Z'), { timeout: 5_000 });
    expect(await watcher.runDue()).toEqual([]);
    expect(await typesOf(settled)).not.toContain('servicedesk.request.sla-recomputed');
  });
});
