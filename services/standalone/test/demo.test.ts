import { DEMO_SURVEY_ID } from '../src/demo/feedback.ts';
import { join } from 'node:path';
import { createLogger, loadConfig, ResourceStack } from '@ejp/service-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { buildStandaloneApp } from '../src/app.ts';
import { standaloneConfigSchema } from '../src/config.ts';
import { demoCompany, type DemoStage } from '../src/demo/company.ts';
import { DEPARTURE_STORIES, demoLeavers, STAGE_AFTER_STORY } from '../src/demo/departures.ts';
import { DEMO_ROUND_ID, growthCast } from '../src/demo/growth.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { COMPANY_VALUES, KUDOS_COUNT } from '../src/demo/recognitions.ts';
import { SimulatedCaller } from '../src/demo/simulated-caller.ts';
import { SimulatedClock } from '../src/demo/simulated-clock.ts';
import { startStandalone } from '../src/main.ts';
import { http, readAllEvents, tempDataDir } from './support.ts';

const data = tempDataDir();
afterAll(() => data.remove());

const env = { DATA_DIR: data.dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
/** runService with a fake process: shutdown must not exit the test runner. */
const fakeProcess = { on: () => undefined, exit: () => undefined };

/** What the journey API should call each demo stage today. */
const expectedStage: Record<DemoStage, string> = {
  'pre-boarding': 'pre-boarding',
  onboarding: 'onboarding',
  probation: 'probation',
  'extended-probation': 'probation',
  'in-role': 'in-role',
};

describe('npm run demo', () => {
  it('seeds ~50 employees at every stage through the command routes, and a second run adds nothing', async () => {
    const lines: string[] = [];
    const first = await startStandalone({ argv: ['--demo'], env, process: fakeProcess, print: (line) => lines.push(line) });
    const summary = first.demo!;
    expect(summary.employees).toHaveLength(50);
    expect(summary.commands).toBeGreaterThan(250);
    const timelineIds = new Map<string, Set<string>>();
    const stages = new Map<string, number>();
    const leavers = demoLeavers(summary.employees);
    // Every offboarding story is told: each type, alumni, a boomerang, someone still leaving.
    expect([...leavers.values()]).toEqual(DEPARTURE_STORIES);
    const stageOf = (employee: (typeof summary.employees)[number]) => {
      const story = leavers.get(employee.employeeId);
      return story ? STAGE_AFTER_STORY[story] : expectedStage[employee.stage];
    };
    for (const employee of summary.employees) {
      // Each one has a projected journey at the stage the demo meant, and a timeline.
      const journey = await http(first.baseUrl, 'GET', `/employees/${employee.employeeId}/journey`);
      expect(journey.status).toBe(200);
      expect(journey.body.stage, `${employee.stage} #${employee.index}`).toBe(stageOf(employee));
      expect(journey.body.projectedRevision).toBe(summary.revisions.get(employee.employeeId));
      const timeline = await http(first.baseUrl, 'GET', `/employees/${employee.employeeId}/timeline?limit=200`);
      // Event by event below: every one of the employee's own stream is on it, but recognitions only by their visibility.
      expect(timeline.body.items.length).toBeGreaterThan(0);
      timelineIds.set(employee.employeeId, new Set(timeline.body.items.map((item: { eventId: string }) => item.eventId)));
      stages.set(journey.body.stage, (stages.get(journey.body.stage) ?? 0) + 1);
      if (employee.stage === 'extended-probation') expect(journey.body.probation.outcome).toBe('extended');
      if (employee.stage === 'onboarding') expect(journey.body.onboardingCompletedAt).toBeNull();
    }
    expect(Object.fromEntries(stages)).toEqual({ 'pre-boarding': 8, onboarding: 19, probation: 8, 'in-role': 11, offboarding: 1, alumni: 3 });
    // Onboarding is "partly done": check-ins recorded for some, overdue tasks for others.
    const onboarding = summary.employees.filter((e) => e.stage === 'onboarding');
    const checkIns = await Promise.all(onboarding.map((e) => http(first.baseUrl, 'GET', `/employees/${e.employeeId}/journey`)));
    expect(checkIns.filter((r) => r.body.checkIns.length > 0).length).toBeGreaterThan(5);
    expect(checkIns.filter((r) => r.body.onboarding.overdueTasks.length > 0).length).toBeGreaterThan(2);
    // The growth centre: plans checked in on, a round matched as a whole and every pair started, one transfer.
    const { mover, mentees } = growthCast(summary.employees);
    const product = summary.employees.find((e) => e.department === 'Product' && e.level === 'M3')!;
    expect((await http(first.baseUrl, 'GET', `/employees/${mover.employeeId}/journey`)).body).toMatchObject({ department: 'Product', role: 'Product Manager', managerId: product.employeeId });
    const round = (await http(first.baseUrl, 'GET', `/mentoring-rounds/${DEMO_ROUND_ID}/mentors`)).body;
    expect(round).toMatchObject({ status: 'matched', mentees: mentees.length, unmatched: 0 });
    for (const mentee of mentees) {
      const mine = (await http(first.baseUrl, 'GET', `/employees/${mentee.employeeId}/mentorships`)).body;
      expect(mine.asMentee.map((m: { status: string; sessions: number }) => [m.status, m.sessions])).toEqual([['started', 1]]);
    }
    expect((await http(first.baseUrl, 'GET', `/employees/${mentees[0]!.employeeId}/development-plan`)).body.progress).toMatchObject({ goals: 1, actions: 1, latestCheckIn: 20 });
    // A completed survey round: results for everyone, some segments suppressed, comments dated to the close.
    const survey = await http(first.baseUrl, 'GET', `/surveys/${DEMO_SURVEY_ID}/results`);
    expect(survey.body).toMatchObject({ status: 'closed', overall: { suppressed: false } });
    expect(survey.body.segments.some((s: { result: { suppressed: boolean } }) => s.result.suppressed)).toBe(true);
    expect(survey.body.segments.some((s: { result: { suppressed: boolean } }) => !s.result.suppressed)).toBe(true);
    // The need heatmap of that round by tenure band: every dimension and driver asked; everyone and the under-1y band shown, the
    // 3-5y band below the minimum and 1-3y hidden with it as the next-smallest. (By department, 23 respondents leave only everyone shown.)
    const heatmap = (await http(first.baseUrl, 'GET', `/analytics/heatmap?surveyId=${DEMO_SURVEY_ID}&segment=tenureBand`)).body;
    expect(heatmap.rows).toHaveLength(15);
    expect(heatmap.rows.every((r: { cells: unknown[] }) => r.cells.length === heatmap.columns.length)).toBe(true);
    const columns = heatmap.columns as { value: string; suppressed: boolean; reason: string | null }[];
    expect(columns[0]).toMatchObject({ value: 'all', suppressed: false });
    expect(columns.some((c) => c.suppressed && c.reason !== null)).toBe(true);
    expect(columns.filter((c) => !c.suppressed).length).toBeGreaterThan(1);
    expect((await http(first.baseUrl, 'GET', '/analytics/enps')).body.rounds).toHaveLength(1);
    // Every seeded employee has a profile; an onboarding one with an overdue task older than 3 days is flagged.
    const profiles = await Promise.all(onboarding.map((e) => http(first.baseUrl, 'GET', `/employees/${e.employeeId}/profile`)));
    expect(profiles.every((p) => p.status === 200)).toBe(true);
    // Suggestions in every state, two escalated when overdue.
    const overdue = await http(first.baseUrl, 'GET', '/suggestions/overdue');
    expect(overdue.body.items.map((s: { escalated: boolean }) => s.escalated)).toEqual([true, true]);
    const times = await http(first.baseUrl, 'GET', '/suggestions/response-times');
    expect(times.body.categories.reduce((sum: number, c: { answered: number }) => sum + c.answered, 0)).toBe(4);
    // Printed: the docs and a timeline of a seeded employee, which answers.
    const timelineUrl = lines.map((line) => line.trim()).find((line) => line.endsWith('/timeline'))!;
    expect(lines.join('\n')).toContain(`${first.baseUrl}/docs`);
    expect((await fetch(timelineUrl)).status).toBe(200);
    await first.shutdown('test');

    const events = await readAllEvents(join(data.dir, 'events.db'));
    expect(events.length).toBe(summary.newEvents);
    const others = [...summary.otherRevisions.values()].reduce((sum, r) => sum + r + 1, 0);
    expect(events.length).toBe([...summary.revisions.values()].reduce((sum, r) => sum + r + 1, 0) + summary.organisationRevision + 1 + others + summary.feedbackEvents);
    // Hidden from the reader (not a recipient): recognitions not public, and withdrawn ones (hidden from everyone).
    const withdrawnIds = new Set(events.filter((e) => e.type === 'journey.recognition.withdrawn').map((e) => (e.data as { recognitionId: string }).recognitionId));
    const hidden = (e: (typeof events)[number]) => {
      const d = e.data as { recognitionId?: string; visibility?: string };
      return (e.type === 'journey.recognition.given' || e.type === 'journey.shout-out.given') && (withdrawnIds.has(d.recognitionId!) || (d.visibility ?? 'public') !== 'public');
    };
    expect(events.filter(hidden).length).toBeGreaterThan(0);
    for (const event of events.filter((e) => e.streamName.startsWith('journey-'))) {
      expect(timelineIds.get(event.streamName.slice('journey-'.length))?.has(event.id), `${event.type} on its timeline`).toBe(!hidden(event));
    }
    expectRecognitions(events);
    expectServiceDesk(events);

    // Second run on the same data: every command is recognised by its Idempotency-Key.
    const second = await startStandalone({ argv: ['--demo'], env, process: fakeProcess, print: () => undefined });
    expect(second.demo!.newEvents).toBe(0);
    expect(second.demo!.anchorDate).toBe(summary.anchorDate);
    await second.shutdown('test');
    expect((await readAllEvents(join(data.dir, 'events.db'))).length).toBe(events.length);

    // Even ten days later: the dates stay anchored on the first run, so the commands are the same.
    const resources = new ResourceStack();
    const logger = createLogger({ name: 'test', level: 'silent' });
    const config = loadConfig(standaloneConfigSchema, env);
    const clock = new SimulatedClock();
    const caller = new SimulatedCaller();
    try {
      const { app } = await buildStandaloneApp({ config, logger, resources }, { commandClock: clock.now, actingUser: caller.current });
      const later = await seedDemo(app, { config, clock, caller, today: new Date(Date.now() + 10 * 86_400_000) });
      expect(later).toMatchObject({ newEvents: 0, anchorDate: summary.anchorDate });
      await app.close();
    } finally {
      await resources.closeAll(logger);
    }
    expect((await readAllEvents(join(data.dir, 'events.db'))).length).toBe(events.length);
  });

  it('is deterministic: the same seed gives the same people', () => {
    expect(demoCompany()).toEqual(demoCompany());
    const company = demoCompany();
    expect(new Set(company.map((e) => e.employeeId)).size).toBe(50);
    expect(new Set(company.map((e) => e.email)).size).toBe(50);
    expect(demoCompany(7).map((e) => e.email)).not.toEqual(company.map((e) => e.email));
  });
});

/** The recognitions the demo gave through the public routes, as stored (the messages are ciphertext). */
function expectRecognitions(events: Awaited<ReturnType<typeof readAllEvents>>): void {
  const count = (type: string) => events.filter((e) => e.type === type).length;
  expect({
    values: count('organisation.company-value.added'),
    renamed: count('organisation.company-value.renamed'),
    given: count('journey.recognition.given'),
    shoutOuts: count('journey.shout-out.given'),
    withdrawn: count('journey.recognition.withdrawn'),
    reactions: count('journey.recognition.reaction-added'),
  }).toEqual({ values: COMPANY_VALUES.length, renamed: 1, given: KUDOS_COUNT, shoutOuts: 1, withdrawn: 1, reactions: 8 });
  // The values came first, set by the Head of People as admin, in the organisation's stream.
  const organisation = events.filter((e) => e.streamName === 'organisation-default');
  expect(organisation).toHaveLength(COMPANY_VALUES.length + 1);
  expect(events.findIndex((e) => e.streamName === 'organisation-default')).toBeLessThan(events.findIndex((e) => e.type === 'journey.recognition.given'));
  const given = events.filter((e) => e.type === 'journey.recognition.given').map((e) => ({ giver: e.streamName, data: e.data as { funding: { allowance: number }; pointsPerRecipient: number; visibility: string; message: unknown } }));
  expect(given.filter((g) => g.data.pointsPerRecipient > 0).length).toBeGreaterThan(KUDOS_COUNT / 2);
  expect(new Set(given.map((g) => g.data.visibility)).size).toBeGreaterThan(1);
  expect(new Set(given.map((g) => g.giver)).size).toBeGreaterThan(10);
  for (const g of given) expect(JSON.stringify(g.data.message)).not.toContain('Thank you');
  // Each one was given by the colleague whose stream it is in (under AUTH_MODE=off too: the seeding acts as them).
  for (const e of events.filter((e) => e.type === 'journey.recognition.given')) {
    expect((e.metadata as { actor: { id: string } }).actor.id).toBe(e.streamName.slice('journey-'.length));
  }
}

/** Requests in every state, one of them breached, each request's personal data under its requester's key. */
function expectServiceDesk(events: Awaited<ReturnType<typeof readAllEvents>>): void {
  const requests = new Map<string, typeof events>();
  for (const event of events.filter((e) => e.streamName.startsWith('servicerequest-'))) requests.set(event.streamName, [...(requests.get(event.streamName) ?? []), event]);
  const last = (types: string[]) => types.filter((type) => !['servicedesk.request.commented', 'servicedesk.request.rated', 'servicedesk.request.sla-breached', 'servicedesk.request.assigned'].includes(type)).at(-1);
  const finals = [...requests.values()].map((list) => last(list.map((e) => e.type)));
  expect(finals.sort()).toEqual(
    [
      'servicedesk.request.submitted', // awaiting the manager's approval
      'servicedesk.request.submitted', // waiting for a first answer
      'servicedesk.request.acknowledged',
      'servicedesk.request.acknowledged', // the breached one
      'servicedesk.request.work-started',
      'servicedesk.request.waiting-on-employee',
      'servicedesk.request.resolved',
      'servicedesk.request.closed',
      'servicedesk.request.reopened',
      'servicedesk.request.rejected',
    ].sort(),
  );
  expect(events.filter((e) => e.type === 'servicedesk.request.sla-breached').map((e) => e.data.clock)).toEqual(['first-response']);
  for (const list of requests.values()) {
    // Every deadline still in force lies ahead: the SLA watcher adds nothing to a fresh demo.
    const deadlines = list.filter((e) => e.data.deadlines).at(-1)?.data.deadlines as Record<string, string | null> | undefined;
    for (const due of Object.values(deadlines ?? {})) if (due !== null) expect(Date.parse(due)).toBeGreaterThan(Date.now());
    const requesterId = list[0]!.data.requesterId;
    for (const event of list.filter((e) => e.type === 'servicedesk.request.commented')) expect(event.data.text).toMatchObject({ kid: requesterId });
  }
}

