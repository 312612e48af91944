import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { followEventStream as follow } from '@ejp/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentId, type DeskApp, requesterId, seed, startDesk, strangerId } from './support.ts';

let t: DeskApp;
let origin: string;
beforeEach(async () => {
  t = await startDesk();
  await seed(t);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterEach(() => t.close());

describe('live progress of a request as Server-Sent Events', () => {
  it('sends each change of the request to its requester as it happens, in order, and nothing of other requests', async () => {
    const id = randomUUID();
    const url = `/servicedesk/requests/${id}`;
    expect((await t.call('POST', '/servicedesk/requests', requesterId, { requestId: id, itemId: 'laptop-replacement', title: 'Broken screen', answers: { assetTag: 'LT-0042' } })).statusCode).toBe(201);
    const client = await follow(`${origin}${url}/events`, await t.headers(requesterId));
    try {
      expect(client.response.status).toBe(200);
      expect(client.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      // The history first, then each change once it is recorded.
      expect((await client.until(1)).map((f) => f.event)).toEqual(['servicedesk.request.submitted']);
      const other = randomUUID();
      await t.call('POST', '/servicedesk/requests', requesterId, { requestId: other, itemId: 'laptop-replacement', title: 'Another', answers: { assetTag: 'LT-0043' } });
      const steps: [string, string, object?][] = [
        ['acknowledgement', agentId],
        ['work', agentId],
        ['comments', agentId, { commentId: randomUUID(), text: 'Is it cracked?' }],
        ['waiting-on-employee', agentId],
        ['comments', requesterId, { commentId: randomUUID(), text: 'Yes, top left' }],
        ['resolution', agentId, { resolution: 'New screen fitted' }],
      ];
      const expected = ['servicedesk.request.submitted'];
      for (const [step, who, body] of steps) {
        const response = await t.call('POST', `${url}/${step}`, who, body);
        expect(response.statusCode, response.body).toBe(200);
        expected.push(...response.json().events.map((e: { type: string }) => e.type));
        // Each change reaches the client before the next one is made.
        expect((await client.until(expected.length)).map((f) => f.event)).toEqual(expected);
      }
      expect(expected).toEqual([
        'servicedesk.request.submitted',
        'servicedesk.request.acknowledged',
        'servicedesk.request.work-started',
        'servicedesk.request.commented',
        'servicedesk.request.waiting-on-employee',
        'servicedesk.request.commented',
        'servicedesk.request.resumed',
        'servicedesk.request.resolved',
      ]);
      expect(client.frames.map((f) => f.id)).toEqual(expected.map((_, revision) => String(revision)));
      expect(client.frames.map((f) => f.data.revision)).toEqual(expected.map((_, revision) => String(revision)));
      expect(client.frames[3]!.data.data.text).toBe('Is it cracked?');
    } finally {
      await client.close();
    }
  });

  it('resumes after Last-Event-ID, serves agents of the team, and refuses anyone else before streaming', async () => {
    const id = randomUUID();
    const url = `/servicedesk/requests/${id}`;
    await t.call('POST', '/servicedesk/requests', requesterId, { requestId: id, itemId: 'laptop-replacement', title: 'Dock', answers: { assetTag: 'LT-0044' } });
    await t.call('POST', `${url}/acknowledgement`, agentId);
    const agent = await follow(`${origin}${url}/events`, { ...(await t.headers(agentId)), 'last-event-id': '0' });
    try {
      expect((await agent.until(1)).map((f) => [f.id, f.event])).toEqual([['1', 'servicedesk.request.acknowledged']]);
    } finally {
      await agent.close();
    }
    const stranger = await fetch(`${origin}${url}/events`, { headers: await t.headers(strangerId) });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await fetch(`${origin}/servicedesk/requests/${randomUUID()}/events`, { headers: await t.headers(requesterId) })).status).toBe(404);
  });

  it('ends open streams when the app closes, so shutdown does not wait on them', async () => {
    const id = randomUUID();
    await t.call('POST', '/servicedesk/requests', requesterId, { requestId: id, itemId: 'laptop-replacement', title: 'Mouse', answers: { assetTag: 'LT-0045' } });
    const client = await follow(`${origin}/servicedesk/requests/${id}/events`, await t.headers(requesterId));
    await client.until(1);
    const started = Date.now();
    await t.app.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    await client.close();
  });
});
