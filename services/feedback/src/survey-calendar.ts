import { DEFAULT_MIN_GROUP_SIZE, isoDay, journeyStageOn, isActiveEmployee, SurveyStreams, streamCategories } from '@ejp/contracts';
import type { EventStore, KeyStore } from '@ejp/eventstore';
import type { JourneyEnvelope, JourneyEventHandler } from '@ejp/messaging';
import type { ReadStore, StoredDocument } from '@ejp/readstore';
import type { Logger } from '@ejp/service-kit';
import type { SurveyCommand } from './domain/survey.ts';
import {
  type CalendarDue,
  type CalendarFact,
  type CalendarState,
  changesCalendar,
  earliestDueStart,
  evolveHirePlan,
  evolveSurveyPlan,
  type HirePlan,
  isSurveyFact,
  ONBOARDING_MILESTONES,
  dueOn,
  onboardingSurveyIdOf,
  type SurveyPlan,
} from './domain/survey-calendar.ts';
import { launchData, surveyCommandHandler } from './survey-round.ts';

/**
 * The survey calendar, a reactor: it consumes journey and survey events
 * (Kafka in distributed mode, the in-process bus in standalone), keeps a
 * plan per hire and per survey in two read-store collections of its own,
 * and on every tick issues the commands `surveyCalendar` says are due
 * through the ordinary survey command handler, as the system actor.
 *
 * Exactly once, by construction: a plan document remembers the stream
 * revision it was last written at (a redelivered event changes nothing);
 * before each command the survey's own stream is read, so a step already
 * taken (by another replica, before a crash) is not taken again; and every
 * command carries an Idempotency-Key and a deterministic survey id, so two
 * replicas racing on one tick append once.
 */

export const CALENDAR_COLLECTIONS = { hires: 'feedback_calendar_hires', surveys: 'feedback_calendar_surveys' } as const;
const ACTOR = { id: 'feedback-survey-calendar', kind: 'system' } as const;
/** The onboarding check-in: the work, the manager, belonging, the training, and room for a comment. */
const ONBOARDING_QUESTIONS = ['work_challenge', 'management_communication', 'environment_team', 'growth_training', 'comment'].map((bankId) => ({ bankId }));

export interface SurveyCalendarOptions {
  /** The event store the survey commands append to (the crypto-shredding one). */
  store: EventStore;
  secrets: KeyStore;
  readStore: ReadStore;
  logger: Logger;
  /** The calendar's clock (tests jump days with it). */
  clock?: () => Date;
  /** The minimum group size of the onboarding surveys' results (SURVEY_MIN_GROUP_SIZE). */
  minGroupSize?: number;
}

export interface SurveyCalendar {
  /** Consumes the events; give it to the in-process bus or the Kafka consumer runtime. */
  handler: JourneyEventHandler;
  /** Issues whatever is due now; the commands it issued (failures are logged and retried on the next tick). */
  tick(): Promise<CalendarDue[]>;
  /** Ticks now and every `everyMs`; returns the stop function (which waits for a running tick). */
  start(everyMs: number): () => Promise<void>;
}

export async function createSurveyCalendar(options: SurveyCalendarOptions): Promise<SurveyCalendar> {
  const { readStore, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const surveys = surveyCommandHandler(options.store);
  await readStore.declareIndexes(CALENDAR_COLLECTIONS.hires, [['journey.startDate']]);
  await readStore.declareIndexes(CALENDAR_COLLECTIONS.surveys, [['status']]);

  async function apply(envelope: JourneyEnvelope): Promise<void> {
    if (!changesCalendar(envelope.type)) return;
    const subject = streamCategories.of(envelope.stream)?.subjectOf(envelope.stream);
    if (!subject) return;
    const fact: CalendarFact = { type: envelope.type, subject, data: envelope.data as Record<string, unknown> };
    const survey = isSurveyFact(envelope.type);
    const collection = survey ? CALENDAR_COLLECTIONS.surveys : CALENDAR_COLLECTIONS.hires;
    const current = (await readStore.get(collection, subject))?.doc;
    const next = survey ? evolveSurveyPlan(current as SurveyPlan | undefined, fact) : evolveHirePlan(current as HirePlan | undefined, fact);
    // The stream revision guards the write: a redelivered event is skipped.
    if (next) await readStore.upsertIfNewer(collection, subject, BigInt(envelope.revision), { replace: next as never });
  }

  /** The plans that can be due today: recent hires, their onboarding surveys, the surveys scheduled or open. */
  async function stateOf(today: string): Promise<CalendarState> {
    const hires = await all<HirePlan>(readStore, CALENDAR_COLLECTIONS.hires, { 'journey.startDate': { gte: earliestDueStart(today) } });
    const onboarding = hires.flatMap((h) => ONBOARDING_MILESTONES.map((m) => onboardingSurveyIdOf(h.employeeId, h.journey.chapter, m)));
    const found = [...(await readStore.getMany(CALENDAR_COLLECTIONS.surveys, onboarding)).values()].map((d) => d.doc as unknown as SurveyPlan);
    const running = [...(await all<SurveyPlan>(readStore, CALENDAR_COLLECTIONS.surveys, { status: 'scheduled' })), ...(await all<SurveyPlan>(readStore, CALENDAR_COLLECTIONS.surveys, { status: 'open' }))];
    return { hires: Object.fromEntries(hires.map((h) => [h.employeeId, h])), surveys: Object.fromEntries([...found, ...running].map((s) => [s.surveyId, s])) };
  }

  async function issue(command: SurveyCommand, step: string): Promise<void> {
    const { surveyId } = command.data;
    await surveys.handle(command, { context: { actor: ACTOR, correlationId: surveyId, causationId: `survey-calendar:${step}` }, idempotencyKey: `survey-calendar:${step}` });
  }

  /** Takes the steps of a due item its survey has not taken yet, in order. */
  async function perform(due: CalendarDue, now: Date): Promise<void> {
    const { surveyId } = due.data;
    const at = { metadata: { now } };
    const { state } = await surveys.load(SurveyStreams.streamOf(surveyId));
    switch (due.type) {
      case 'calendar.onboarding-survey-due': {
        const { milestone, opensOn, closesOn, invitee } = due.data;
        if (state.status === 'none') {
          // Confidential: an audience of one cannot be anonymous (README, "Onboarding surveys").
          const data = { surveyId, title: `Day-${milestone} onboarding check-in`, kind: 'onboarding' as const, anonymity: 'confidential' as const, questions: ONBOARDING_QUESTIONS, audience: { kind: 'everyone' as const }, minGroupSize: options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE };
          await issue({ type: 'CreateSurvey', data, ...at }, 'create');
        }
        if (state.status === 'none' || state.status === 'draft') await issue({ type: 'ScheduleSurvey', data: { surveyId, opensOn, closesOn }, ...at }, 'schedule');
        if (state.status !== 'open' && state.status !== 'closed') await issue({ type: 'LaunchSurvey', data: await launchData(options.secrets, surveyId, [invitee]), ...at }, 'launch');
        return;
      }
      case 'calendar.survey-opening-due': {
        if (state.status !== 'scheduled') return;
        await issue({ type: 'LaunchSurvey', data: await launchData(options.secrets, surveyId, await rosterOn(isoDay(now))), ...at }, 'launch');
        return;
      }
      case 'calendar.survey-closing-due':
        if (state.status === 'open') await issue({ type: 'CloseSurvey', data: { surveyId }, ...at }, 'close');
        return;
    }
  }

  /** Everyone employed today with their attributes: the roster a scheduled survey launches with (the audience rule picks from it). */
  async function rosterOn(today: string) {
    const hires = await all<HirePlan>(readStore, CALENDAR_COLLECTIONS.hires, {});
    return hires.flatMap((h) => {
      const stage = journeyStageOn(h.journey, today);
      if (!isActiveEmployee(h.journey) || stage === null || h.journey.startDate === null) return [];
      return [{ employeeId: h.employeeId, department: h.department, level: h.level, location: h.location, hiredOn: h.journey.startDate, stage }];
    });
  }

  let running: Promise<unknown> = Promise.resolve();
  async function checkDue(): Promise<CalendarDue[]> {
    const now = clock();
    const due = dueOn({ type: 'CheckCalendar', data: {}, metadata: { now } }, await stateOf(isoDay(now)));
    const done: CalendarDue[] = [];
    for (const item of due) {
      try {
        await perform(item, now);
        done.push(item);
      } catch (error) {
        logger.error({ err: error, due: item.type, surveyId: item.data.surveyId }, 'survey calendar: a due step failed; retrying on the next tick');
      }
    }
    if (done.length > 0) logger.info({ issued: done.map((d) => d.type) }, 'survey calendar: due surveys launched or closed');
    return done;
  }

  return {
    handler: {
      name: 'survey-calendar',
      async handle(envelopes) {
        for (const envelope of envelopes) await apply(envelope);
      },
    },
    // Ticks never overlap: each waits for the one before.
    tick: () => {
      const next = running.then(checkDue, checkDue);
      running = next.catch(() => undefined);
      return next;
    },
    start(everyMs) {
      const run = () => {
        const next = running.then(checkDue);
        running = next.catch((error) => logger.error({ err: error }, 'survey calendar: the tick failed'));
      };
      run();
      const timer = setInterval(run, everyMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
  };
}

async function all<T>(readStore: ReadStore, collection: string, where: Record<string, string | { gte: string }>): Promise<T[]> {
  const items: StoredDocument[] = [];
  let cursor: string | undefined;
  do {
    const page = await readStore.query(collection, { where, limit: 1_000, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items.map((item) => item.doc as unknown as T);
}
