import type { ReadStreamOptions } from '@ejp/eventstore';
import { afterEach, describe, expect, it } from 'vitest';
import { surveyStates } from '../src/survey-round.ts';
import { createAndLaunch, type FeedbackTestApp, people, startFeedbackApp } from './support.ts';

let t: FeedbackTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The response route's survey state on the real SQLite store: a burst shares reads, and none misses a close appended before it arrived. */
describe('surveyStates', () => {
  it('serves a burst of sixteen with at most two reads, and every request after a close sees it closed', async () => {
    t = await startFeedbackApp();
    const surveyId = await createAndLaunch(t, people(3));
    const reads: (ReadStreamOptions | undefined)[] = [];
    let hold: Promise<void> | undefined;
    const store = t.store;
    const reader = {
      async readStream(stream: string, options?: ReadStreamOptions) {
        reads.push(options);
        const events = await store.readStream(stream, options);
        await hold;
        return events;
      },
    };
    const surveyState = surveyStates(reader);
    const burst = await Promise.all(Array.from({ length: 16 }, () => surveyState(surveyId)));
    expect(burst.map((s) => s.status)).toEqual(Array(16).fill('open'));
    expect(reads.length).toBeLessThanOrEqual(2);

    // A read begun before the close is under way; a request arriving after the close waits for the next read.
    let release!: () => void;
    hold = new Promise((resolve) => {
      release = resolve;
    });
    const before = surveyState(surveyId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await t.post(`/surveys/${surveyId}/close`, 'hr')).statusCode).toBe(200);
    const after = surveyState(surveyId);
    hold = undefined;
    release();
    expect((await before).status).toBe('open');
    expect((await after).status).toBe('closed');
  });
});
