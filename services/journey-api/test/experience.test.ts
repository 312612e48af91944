import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, openSqliteEventStore } from '@ejp/eventstore';
import { rebuildProjections } from '@ejp/projection-kit';
import { readStoreBackends } from '@ejp/projection-kit/testing';
import { journeyProjections } from '@ejp/projector';
import type { ReadStore } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { createTestMongoDb, findServer } from '@ejp/testkit';
import type {
  AttritionAnalyticsResponse,
  EmployeeProfileResponse,
  EnpsResponse,
  HeatmapResponse,
  OnboardingAnalyticsResponse,
  RecognitionAnalyticsResponse,
  SuggestionAnalyticsResponse,
} from '@ejp/contracts/read-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildApp } from './app.ts';
import { ids, people, writeCompany } from './experience-company.ts';

const mongo = await findServer('mongo');
const mongoDb = mongo.available ? (await createTestMongoDb(mongo.url, 'journey_api_experience')).db : undefined;

// The company of experience-company.ts, rebuilt from its events into each read store; every expected figure is worked out by hand from it.
for (const backend of readStoreBackends(mongoDb)) {
  describe.runIf(backend.available)(`employee profile and experience analytics on ${backend.name}`, () => {
    let dir: string;
    let events: EventStore;
    let store: ReadStore;
    let app: ServiceApp;
    let hr: { authorization: string };
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ejp-experience-'));
      events = await openSqliteEventStore({ path: join(dir, 'events.db') });
      await writeCompany(events);
      store = await backend.open();
      const result = await rebuildProjections({ events, readStore: store, projections: journeyProjections() });
      expect(result.skipped).toEqual([]);
      app = await buildApp(store, { now: '2025-06-02T12:00:00Z' });
      hr = await bearer('hr-1', ['hr']);
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await store?.drop();
      await store?.close();
      await events?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const get = async <T>(url: string, headers = hr): Promise<T> => {
      const res = await app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<T>();
    };
    const profile = (asOf: string) => get<EmployeeProfileResponse>(`/employees/${people.alice}/profile?asOf=${asOf}`);
    const flags = (p: EmployeeProfileResponse) => p.flags.map((f) => f.flag);

    it('shows the position, onboarding and tenure as they stood, before and after a change', async () => {
      const jan20 = await profile('2025-01-20');
      expect(jan20).toMatchObject({ stage: 'onboarding', chapter: 1, startDate: '2025-01-13', tenureDays: 7, department: 'Engineering', level: 'L3', location: 'Lisbon', managerId: people.manager, probationEndsOn: '2025-07-13' });
      // buddy-intro due 13 Jan + 5 = 18 Jan: 2 days late, not yet flagged; docs due 23 Jan.
      expect(jan20.onboarding).toEqual({ done: 1, total: 3, overdue: [{ taskId: 'buddy-intro', owner: 'buddy', dueDate: '2025-01-18', daysOverdue: 2 }] });
      expect(flags(jan20)).toEqual([]);
      const jan22 = await profile('2025-01-22');
      expect(flags(jan22)).toEqual(['onboarding-task-overdue']);
      expect(jan22.flags[0]!.reason).toContain('buddy-intro (buddy) 4 days past 2025-01-18');
      expect(jan22.flags[0]!.eventIds).toHaveLength(1);
      expect((await profile('2025-01-26')).onboarding).toEqual({ done: 3, total: 3, overdue: [] });
      // The manager change of 15 May: before it the first manager, after it the second.
      expect((await profile('2025-05-14')).managerId).toBe(people.manager);
      expect((await profile('2025-05-16')).managerId).toBe(people.manager2);
      expect((await profile('2025-03-15')).stage).toBe('probation');
    });

    it('counts recognition, one-to-ones, suggestions and surveys taken (never answers)', async () => {
      const feb12 = await profile('2025-02-12');
      expect(feb12.recognition).toEqual({ received30: 1, received90: 1, given30: 0, given90: 0, lastReceivedOn: '2025-02-10', topValues: [{ valueId: 'ownership', count: 1 }, { valueId: 'teamwork', count: 1 }] });
      expect(feb12.suggestions).toEqual([{ suggestionId: ids.namedSuggestion, category: 'tools', submittedOn: '2025-02-01', answerDueBy: '2025-02-08', status: 'answered', answers: [{ on: '2025-02-05', answer: 'accepted' }] }]);
      expect((await profile('2025-02-04')).suggestions[0]!.status).toBe('open');
      // 30 days on 14 March: 12 Feb..14 Mar holds no recognition; 90 days still does.
      expect((await profile('2025-03-14')).recognition).toMatchObject({ received30: 0, received90: 1 });
      const bob = await get<EmployeeProfileResponse>(`/employees/${people.bob}/profile?asOf=2025-02-12`);
      expect(bob.recognition).toMatchObject({ received90: 0, given30: 1, given90: 1 });
      const june = await profile('2025-06-02');
      expect(june.oneToOnes).toEqual({ count: 3, lastMood: 1, lastHeldOn: '2025-06-01', trend: 'down' });
      expect(june.surveysCompleted).toEqual([{ surveyId: ids.survey, title: 'Spring pulse', completedBy: '2025-03-31' }]);
      expect(JSON.stringify(june)).not.toMatch(/work_challenge|"value":/);
    });

    it('raises the mood, recognition, exit-risk and probation flags on their days, with the events behind them', async () => {
      // 10 May: moods 4 then 2 (one low), recognised 10 Feb (the 90 days back to 10 Feb hold it): no flag.
      expect(flags(await profile('2025-05-10'))).toEqual([]);
      // 16 May: no recognition in the 90 days since 16 Feb, and the manager changed on the 15th: two exit signals.
      expect(flags(await profile('2025-05-16'))).toEqual(['no-recognition-90-days', 'exit-risk']);
      const june2 = await profile('2025-06-02');
      // Moods 2 and 1 in a row; last recognition 10 Feb, more than 90 days before; mood 4 > 2 > 1, new manager, no recognition: exit risk.
      expect(flags(june2)).toEqual(['no-recognition-90-days', 'low-mood-one-to-ones', 'exit-risk']);
      const byFlag = Object.fromEntries(june2.flags.map((f) => [f.flag, f]));
      expect(byFlag['low-mood-one-to-ones']!.eventIds).toEqual([ids.oneToOnes[1], ids.oneToOnes[2]]);
      expect(byFlag['exit-risk']!.eventIds).toEqual(expect.arrayContaining(ids.oneToOnes));
      expect(byFlag['exit-risk']!.reason).toContain('manager changed on 2025-05-15');
      // Probation ends 13 July (start + 6 months): 15 days away on 28 June, 12 on 1 July.
      expect(flags(await profile('2025-06-28'))).not.toContain('probation-ending');
      expect(flags(await profile('2025-07-01'))).toContain('probation-ending');
    });

    it('shows a profile to the employee, their manager and HR only', async () => {
      const url = `/employees/${people.alice}/profile`;
      expect((await app.inject({ method: 'GET', url, headers: await bearer(people.alice, ['employee']) })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url, headers: await bearer(people.manager2, ['manager']) })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url, headers: await bearer(people.bob, ['employee']) })).statusCode).toBe(403);
    });

    it('heatmap: need scores per department, the small departments suppressed and saying so, in CSV too', async () => {
      const heatmap = await get<HeatmapResponse>(`/analytics/heatmap?surveyId=${ids.survey}&segment=department&asOf=2025-04-01`);
      expect(heatmap.columns).toEqual([
        { value: 'all', respondents: 12, suppressed: false, reason: null },
        { value: 'engineering', respondents: 7, suppressed: false, reason: null },
        { value: 'sales', respondents: null, suppressed: true, reason: 'below-minimum' },
        { value: 'support', respondents: null, suppressed: true, reason: 'below-minimum' },
      ]);
      const challenge = heatmap.rows.find((r) => r.driver === 'challenge');
      // Everyone: (7 x 4 + 5 x 2) / 12 = 3.167, favourable 7/12 = 0.583.
      expect(challenge!.cells.map((c) => c.average)).toEqual([3.167, 4, null, null]);
      expect(challenge!.cells[0]!.favourable).toBe(0.583);
      const csv = await app.inject({ method: 'GET', url: `/analytics/heatmap?surveyId=${ids.survey}&segment=department&asOf=2025-04-01`, headers: { ...hr, accept: 'text/csv' } });
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.body).toContain(`${ids.survey},department,sales,work-itself,challenge,,,true,below-minimum`);
      expect(csv.body).toContain(`${ids.survey},department,engineering,work-itself,challenge,4,1,false,`);
      // Before the close the round is not shown as of then (the default round is the last closed by asOf).
      expect((await app.inject({ method: 'GET', url: `/analytics/heatmap?surveyId=${ids.survey}&asOf=2025-03-25`, headers: hr })).statusCode).toBe(404);
    });

    it('eNPS and participation per round: (7 promoters - 5 detractors) / 12, 12 of 15 invited', async () => {
      expect((await get<EnpsResponse>('/analytics/enps?asOf=2025-03-30')).rounds).toEqual([]);
      const { rounds } = await get<EnpsResponse>('/analytics/enps?asOf=2025-04-01');
      expect(rounds).toEqual([expect.objectContaining({ surveyId: ids.survey, invited: 15, respondents: 12, participation: 0.8, enps: 16.667, change: null, suppressed: false })]);
    });

    it('attrition: the departure moves from not-interviewed to its reason on the interview day', async () => {
      const before = await get<AttritionAnalyticsResponse>('/analytics/attrition-rates?asOf=2025-05-01');
      expect(before).toMatchObject({ headcount: 2, departures: 1, voluntaryRate: 1, regrettableRate: 1 });
      expect(before.cells).toEqual([{ primaryReason: 'not-interviewed', department: 'Sales', tenureBand: '6-12-months', departures: null, voluntary: null, regrettable: null, suppressed: true, reason: 'below-minimum' }]);
      const after = await get<AttritionAnalyticsResponse>('/analytics/attrition-rates?asOf=2025-05-06');
      expect(after.cells.map((c) => c.primaryReason)).toEqual(['pay']);
      expect((await get<AttritionAnalyticsResponse>('/analytics/attrition-rates?asOf=2025-04-29')).departures).toBe(0);
    });

    it('onboarding: completion, median days and overdue tasks by owner', async () => {
      const jan20 = await get<OnboardingAnalyticsResponse>('/analytics/onboarding?asOf=2025-01-20');
      expect(jan20).toMatchObject({ started: 1, completed: 0, completionRate: 0, medianDaysToComplete: null });
      expect(jan20.overdueByOwner.filter((o) => o.open > 0)).toEqual([{ owner: 'buddy', open: 1, overdue: 1 }, { owner: 'employee', open: 1, overdue: 0 }]);
      // Completed 14 March, 60 days after the 13 January start.
      expect(await get<OnboardingAnalyticsResponse>('/analytics/onboarding?asOf=2025-03-31')).toMatchObject({ started: 1, completed: 1, completionRate: 1, medianDaysToComplete: 60 });
    });

    it("recognition: per value and month, and the share recognised in the 90 days up to asOf", async () => {
      const feb = await get<RecognitionAnalyticsResponse>('/analytics/recognition?asOf=2025-02-10');
      expect(feb.values.map((v) => [v.month, v.valueId, v.recognitions])).toEqual([['2025-02', 'ownership', 1], ['2025-02', 'teamwork', 1]]);
      expect(feb.values[0]!.departments).toEqual([{ department: 'Engineering', recognitions: null, suppressed: true, reason: 'below-minimum' }]);
      // 3 employees, Alice recognised: 1/3. Her window is 10 Feb..10 May; on 11 May nobody (and Carol has left: 2).
      expect(feb.recognisedLast90Days).toEqual({ employees: 3, recognised: 1, share: 0.333 });
      expect((await get<RecognitionAnalyticsResponse>('/analytics/recognition?asOf=2025-05-10')).recognisedLast90Days).toEqual({ employees: 2, recognised: 1, share: 0.5 });
      expect((await get<RecognitionAnalyticsResponse>('/analytics/recognition?asOf=2025-05-11')).recognisedLast90Days).toEqual({ employees: 2, recognised: 0, share: 0 });
      expect((await get<RecognitionAnalyticsResponse>('/analytics/recognition?asOf=2025-02-09')).values).toEqual([]);
    });

    it('suggestions: days to first answer and the overdue share per category', async () => {
      const tools = async (asOf: string) => (await get<SuggestionAnalyticsResponse>(`/analytics/suggestions?asOf=${asOf}`)).categories.find((c) => c.category === 'tools');
      expect(await tools('2025-02-04')).toEqual({ category: 'tools', submitted: 2, answered: 0, medianDaysToFirstAnswer: null, p90DaysToFirstAnswer: null, open: 2, overdue: 0, overdueShare: 0 });
      // The named one answered in 4 days; the anonymous one due 10 Feb is overdue on the 11th.
      expect(await tools('2025-02-11')).toEqual({ category: 'tools', submitted: 2, answered: 1, medianDaysToFirstAnswer: 4, p90DaysToFirstAnswer: 4, open: 1, overdue: 1, overdueShare: 1 });
      const csv = await app.inject({ method: 'GET', url: '/analytics/suggestions?asOf=2025-02-11&format=csv', headers: hr });
      expect(csv.body.split('\r\n')).toContain('2025-02-11,tools,2,1,4,4,1,1,1');
    });
  });
}
