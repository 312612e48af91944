import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type FeedbackTestApp, startFeedbackApp } from './support.ts';

let t: FeedbackTestApp;
afterEach(async () => {
  await t?.close();
});

// Found by schemathesis in CI: these reads answered an undocumented 404 for an id nobody created.
describe('reads of a survey or suggestion nobody created', () => {
  it('answer 404 problem+json, and the OpenAPI document says they may', async () => {
    t = await startFeedbackApp();
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { get: { responses: Record<string, unknown> } }> };
    const unknown = randomUUID();
    for (const [path, url] of [
      ['/surveys/{surveyId}', `/surveys/${unknown}`],
      ['/surveys/{surveyId}/results', `/surveys/${unknown}/results`],
      ['/surveys/{surveyId}/min-group-size-changes', `/surveys/${unknown}/min-group-size-changes`],
      ['/suggestions/follow-up/{token}', `/suggestions/follow-up/${'0'.repeat(64)}`],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url, headers: await t.as('hr') });
      expect([url, response.statusCode, response.headers['content-type']]).toEqual([url, 404, 'application/problem+json; charset=utf-8']);
      expect(Object.keys(doc.paths[path]!.get.responses), path).toContain('404');
    }
  });
});
