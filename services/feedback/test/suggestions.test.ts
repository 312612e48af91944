import { randomUUID } from 'node:crypto';
import { SuggestionStreams } from '@ejp/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { escalateOverdueSuggestions } from '../src/suggestions.ts';
import { type FeedbackTestApp, startFeedbackApp } from './support.ts';

let t: FeedbackTestApp;
afterEach(async () => {
  await t?.close();
});

const get = async (url: string, roles: string | string[] = 'hr', subject?: string) => (await t.app.inject({ method: 'GET', url, headers: await t.as(roles, subject) })).json();
const submit = (category: string, text: string, subject = 'ada') => t.post('/suggestions', 'employee', { suggestionId: randomUUID(), category, text }, subject);

describe('suggestions: every one gets an answer', () => {
  it('goes through every state, lists and escalates the overdue one, and reports time to first answer', async () => {
    t = await startFeedbackApp();
    t.clock.now = new Date('2025-03-03T09:00:00Z');
    const open = (await submit('tools', 'Second monitors')).json().suggestionId;
    const acknowledged = (await submit('tools', 'Faster laptops')).json().suggestionId;
    const answered = (await submit('process', 'Fewer meetings')).json().suggestionId;
    expect((await t.post(`/suggestions/${acknowledged}/acknowledgement`, 'hr')).statusCode).toBe(200);
    t.clock.now = new Date('2025-03-05T11:00:00Z');
    expect((await t.post(`/suggestions/${answered}/answers`, 'manager', { answer: 'planned', text: 'Meeting-free Wednesdays from April' })).statusCode).toBe(200);
    expect((await t.post(`/suggestions/${answered}/replies`, 'employee', { text: 'Thank you!' }, 'ada')).statusCode).toBe(200);
    expect((await t.post(`/suggestions/${answered}/replies`, 'employee', { text: 'Me too' }, 'bob')).json()).toMatchObject({ status: 403, code: 'EJP_NOT_SUGGESTION_SUBMITTER' });

    // Due a week after submission: on the day itself none is overdue, the day after two are (one only acknowledged).
    t.clock.now = new Date('2025-03-10T09:00:00Z');
    expect((await get('/suggestions/overdue')).items).toEqual([]);
    t.clock.now = new Date('2025-03-11T09:00:00Z');
    const overdue = (await get('/suggestions/overdue')).items;
    expect(overdue.map((s: { suggestionId: string }) => s.suggestionId).sort()).toEqual([open, acknowledged].sort());
    const escalated = (await t.post('/suggestions/escalations', 'service')).json();
    expect(escalated.escalated.sort()).toEqual([open, acknowledged].sort());
    expect(escalated.events.map((e: { type: string }) => e.type)).toEqual(['feedback.suggestion.escalated', 'feedback.suggestion.escalated']);
    expect(await escalateOverdueSuggestions({ store: t.store, handler: t.suggestions, now: t.clock.now })).toEqual([]);
    const [event] = (await t.raw.readStream(SuggestionStreams.streamOf(open))).filter((e) => e.type === 'feedback.suggestion.escalated');
    expect(event!.data).toEqual({ to: 'experience-committee', answerDueBy: '2025-03-10', escalatedOn: '2025-03-11' });

    t.clock.now = new Date('2025-03-14T09:00:00Z');
    await t.post(`/suggestions/${open}/answers`, 'hr', { answer: 'declined', text: 'Not this year' });
    const times = (await get('/suggestions/response-times')).categories;
    expect(times.find((c: { category: string }) => c.category === 'process')).toEqual({ category: 'process', answered: 1, open: 0, medianDays: 2, p90Days: 2 });
    expect(times.find((c: { category: string }) => c.category === 'tools')).toEqual({ category: 'tools', answered: 1, open: 1, medianDays: 11, p90Days: 11 });
  });

  it('gives an anonymous submitter a follow-up token, stores only its hash, and answers and replies through it', async () => {
    t = await startFeedbackApp();
    const suggestionId = randomUUID();
    const submitted = await t.post('/suggestions/anonymous', 'employee', { suggestionId, category: 'people', text: 'My manager never gives feedback' }, 'ada', { 'idempotency-key': 'k1' });
    expect(submitted.statusCode).toBe(201);
    const { followUpToken } = submitted.json();
    expect(followUpToken).toMatch(/^[0-9a-f]{64}$/);
    // A retry gets the same token.
    expect((await t.post('/suggestions/anonymous', 'employee', { suggestionId, category: 'people', text: 'My manager never gives feedback' }, 'ada', { 'idempotency-key': 'k1' })).json().followUpToken).toBe(followUpToken);
    const [stored] = await t.raw.readStream(SuggestionStreams.streamOf(suggestionId));
    expect(JSON.stringify([stored!.data, stored!.metadata])).not.toContain(followUpToken);
    expect(JSON.stringify([stored!.data, stored!.metadata])).not.toContain('ada');
    expect(stored!.recordedAt.getTime() % 86_400_000).toBe(0);

    await t.post(`/suggestions/${suggestionId}/answers`, 'hr', { answer: 'accepted', text: 'We will train managers on feedback' });
    expect((await t.post(`/suggestions/follow-up/${followUpToken}/replies`, 'employee', { text: 'Thanks, looking forward' }, 'ada')).statusCode).toBe(200);
    const thread = await get(`/suggestions/follow-up/${followUpToken}`, 'employee', 'ada');
    expect(thread).toMatchObject({ suggestionId, anonymous: true, status: 'answered', thread: [{ kind: 'answered', answer: 'accepted' }, { kind: 'reply', from: 'submitter', text: 'Thanks, looking forward' }] });
    expect((await t.app.inject({ method: 'GET', url: `/suggestions/follow-up/${'0'.repeat(64)}`, headers: await t.as('employee') })).statusCode).toBe(404);
  });
});
