import type { SurveyResults } from '@ejp/contracts/read-models';
import { afterEach, describe, expect, it } from 'vitest';
import { answersOf, createAndLaunch, type FeedbackTestApp, people, respond, startFeedbackApp } from './support.ts';

let t: FeedbackTestApp;
afterEach(async () => {
  await t?.close();
});

const results = async (surveyId: string) => (await t.app.inject({ method: 'GET', url: `/surveys/${surveyId}/results`, headers: await t.as('hr') })).json();
const segment = (published: { segments: { attribute: string; value: string; result: unknown }[] }, attribute: string, value: string) =>
  published.segments.find((s) => s.attribute === attribute && s.value === value)!.result;

describe('survey results over HTTP', () => {
  it('publishes scores per question, driver and dimension behind the rules, comments after the close only, and the change against the previous round', async () => {
    t = await startFeedbackApp();
    // Engineering 8, sales 7, legal 2: legal is below 5, so the next-smallest (sales) goes too.
    const roster = [...people(8, () => ({ department: 'engineering' })), ...people(7, () => ({ department: 'sales' })), ...people(2, () => ({ department: 'legal' }))];
    const previous = await createAndLaunch(t, roster);
    for (const p of roster) expect((await respond(t, previous, p.employeeId, answersOf(3))).statusCode).toBe(201);
    await t.post(`/surveys/${previous}/close`, 'hr');

    const surveyId = await createAndLaunch(t, roster, { previousSurveyId: previous });
    // Four answers so far: nothing is shown, not even the count.
    for (const p of roster.slice(0, 4)) await respond(t, surveyId, p.employeeId, answersOf(5, 'More pairing'));
    await t.waitFor('four responses projected', async () => (await t.readStore.get<SurveyResults>('survey_results', surveyId))?.doc.cells?.all?.n === 4);
    expect((await results(surveyId)).overall).toEqual({ suppressed: true, reason: 'below-minimum' });

    for (const p of roster.slice(4)) await respond(t, surveyId, p.employeeId, answersOf(4));
    await t.waitFor('all responses projected', async () => (await results(surveyId)).overall.respondents === 17);
    const open = await results(surveyId);
    expect(open).toMatchObject({ status: 'open', minGroupSize: 5, comments: [] });
    expect(open.overall).toMatchObject({ suppressed: false, respondents: 17, invited: 17, responseRate: 1 });
    const challenge = open.overall.questions.find((q: { questionId: string }) => q.questionId === 'work_challenge');
    expect(challenge).toEqual({ questionId: 'work_challenge', average: 4.235, favourable: 1, change: 1.235 });
    // eNPS: 4 answered 10, 13 answered 8 (passives): 4/17 promoters, no detractors.
    expect(open.overall.enps).toBeCloseTo((100 * 4) / 17, 2);
    expect(open.overall.drivers).toEqual(expect.arrayContaining([expect.objectContaining({ dimension: 'work-itself', driver: 'challenge', average: 4.235 })]));
    expect(open.overall.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual(['work-itself', 'management-support']);
    expect(segment(open, 'department', 'legal')).toEqual({ suppressed: true, reason: 'below-minimum' });
    expect(segment(open, 'department', 'sales')).toEqual({ suppressed: true, reason: 'next-smallest' });
    expect(segment(open, 'department', 'engineering')).toMatchObject({ suppressed: false, respondents: 8 });

    expect((await t.post(`/surveys/${surveyId}/close`, 'hr')).statusCode).toBe(200);
    await t.waitFor('the close projected', async () => (await results(surveyId)).status === 'closed');
    const closed = await results(surveyId);
    expect(closed.comments).toHaveLength(4);
    for (const comment of closed.comments) expect(comment).toEqual({ questionId: 'comment', text: 'More pairing', dated: closed.closedOn });
  });

  it('audits every change of the minimum group size, refuses one below 3, and applies it to the results', async () => {
    t = await startFeedbackApp();
    const roster = people(6);
    const surveyId = await createAndLaunch(t, roster);
    for (const p of roster) await respond(t, surveyId, p.employeeId, answersOf(4));
    const put = async (minGroupSize: number, reason: string) =>
      t.app.inject({ method: 'PUT', url: `/surveys/${surveyId}/min-group-size`, headers: await t.as('hr', 'hr-7'), payload: { minGroupSize, reason } });
    const tooLow = await put(2, 'Tiny teams');
    expect(tooLow.statusCode).toBe(400);
    expect(tooLow.json().errors.map((e: { path: string }) => e.path)).toContain('body.minGroupSize');
    expect((await put(7, 'Works council asked for 7')).statusCode).toBe(200);
    await t.waitFor('the threshold projected', async () => (await results(surveyId)).minGroupSize === 7);
    expect((await results(surveyId)).overall).toEqual({ suppressed: true, reason: 'below-minimum' });
    const audit = (await t.app.inject({ method: 'GET', url: `/surveys/${surveyId}/min-group-size-changes`, headers: await t.as('hr') })).json();
    expect(audit).toEqual({ surveyId, changes: [{ at: t.clock.now.toISOString(), by: 'hr-7', from: 5, to: 7, reason: 'Works council asked for 7' }] });
  });
});
