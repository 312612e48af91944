import { createHash, createHmac } from 'node:crypto';
import { catalogueCodec, type CommandHandler, commandRoute, createCommandHandler, registerCommandRoutes } from '@ejp/command-kit';
import { type CausationContext, SUGGESTION_ANSWERS, SUGGESTION_CATEGORIES, type SuggestionEvent, SuggestionStreams, suggestionEvents } from '@ejp/contracts';
import type { EventStore, KeyStore } from '@ejp/eventstore';
import { metrics } from '@opentelemetry/api';
import { AppError, ErrorCodes, type Logger, problemResponse, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { FeedbackError } from './domain/errors.ts';
import { DEFAULT_RESPONSE_DAYS, type SuggestionCommand, type SuggestionState, suggestionDecider } from './domain/suggestion.ts';

/**
 * Suggestions over HTTP: submit (named, or anonymously with a follow-up
 * token), acknowledge, answer, reply; the overdue list, the time to first
 * answer per category, and the escalation of overdue ones. Reads fold the
 * suggestion streams from the event store (a suggestion box is small).
 */

const codec = catalogueCodec(suggestionEvents);
const LEADERSHIP = ['hr', 'admin', 'manager'] as const;
const FOLLOW_UP_SECRET = 'suggestion-follow-up';
const SuggestionParams = z.object({ suggestionId: z.uuid() });
const TokenParams = z.object({ token: z.string().regex(/^[0-9a-f]{64}$/) });
const text = z.string().trim().min(1).max(2_000);
const SubmitBody = z.object({ suggestionId: z.uuid(), category: z.enum(SUGGESTION_CATEGORIES), text });

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const suggestionViewSchema = z.object({
  suggestionId: z.uuid(),
  category: z.enum(SUGGESTION_CATEGORIES),
  status: z.enum(['open', 'acknowledged', 'answered']),
  anonymous: z.boolean(),
  submittedOn: z.iso.date(),
  answerDueBy: z.iso.date(),
  firstAnsweredOn: z.iso.date().nullable(),
  escalated: z.boolean(),
  thread: z.array(z.object({ kind: z.enum(['acknowledged', 'answered', 'reply']), answer: z.enum(SUGGESTION_ANSWERS).optional(), from: z.enum(['submitter', 'leadership']).optional(), text: z.string().optional(), on: z.iso.date() })),
});

export type SuggestionView = z.output<typeof suggestionViewSchema>;

/** Every suggestion, folded from its stream (`tokenHash` kept apart: it never leaves the service). */
async function allSuggestions(store: EventStore): Promise<{ view: SuggestionView; tokenHash: string | undefined }[]> {
  const byStream = new Map<string, SuggestionEvent[]>();
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ filter: { streamPrefixes: [SuggestionStreams.prefix] }, maxCount: 1_000, ...(after === undefined ? {} : { after }) });
    for (const recorded of page) {
      const event = codec.decode(recorded);
      if (event) byStream.set(recorded.streamName, [...(byStream.get(recorded.streamName) ?? []), event]);
    }
    if (page.length < 1_000) break;
    after = page.at(-1)!.position;
  }
  return [...byStream.values()].flatMap((events) => {
    const [first] = events;
    if (first?.type !== 'feedback.suggestion.submitted') return [];
    const state = events.reduce(suggestionDecider.evolve, suggestionDecider.initialState());
    const thread = events.slice(1).flatMap((e): SuggestionView['thread'] => {
      switch (e.type) {
        case 'feedback.suggestion.acknowledged':
          return [{ kind: 'acknowledged', on: e.data.acknowledgedOn }];
        case 'feedback.suggestion.answered':
          return [{ kind: 'answered', answer: e.data.answer, text: e.data.text, on: e.data.answeredOn }];
        case 'feedback.suggestion.replied':
          return [{ kind: 'reply', from: e.data.from, text: e.data.text, on: e.data.repliedOn }];
        default:
          return [];
      }
    });
    const d = first.data;
    const view: SuggestionView = {
      suggestionId: d.suggestionId,
      category: d.category,
      status: state.status as SuggestionView['status'],
      anonymous: d.followUpTokenHash !== undefined,
      submittedOn: d.submittedOn,
      answerDueBy: d.answerDueBy,
      firstAnsweredOn: state.firstAnsweredOn ?? null,
      escalated: state.escalated,
      thread,
    };
    return [{ view, tokenHash: d.followUpTokenHash }];
  });
}

/** Median and 90th percentile (nearest rank) of whole days. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export interface SuggestionRoutesOptions {
  store: EventStore;
  /** Where the follow-up tokens' key lives (the survey secrets' key store). */
  secrets: KeyStore;
  /** Days to the first answer per category (default 7 each). */
  responseDays?: Partial<Record<(typeof SUGGESTION_CATEGORIES)[number], number>>;
  clock?: () => Date;
}

type SuggestionHandler = CommandHandler<SuggestionCommand, SuggestionState, SuggestionEvent, CausationContext>;

export function createSuggestionHandler(store: EventStore): SuggestionHandler {
  return createCommandHandler({ store, decider: suggestionDecider, codec, streamOf: (c: SuggestionCommand) => SuggestionStreams.streamOf(c.data.suggestionId), stateCache: {} });
}

export function registerSuggestionRoutes(app: ServiceApp, options: SuggestionRoutesOptions): SuggestionHandler {
  const { store, secrets } = options;
  const days = { ...DEFAULT_RESPONSE_DAYS, ...options.responseDays };
  const handler = createSuggestionHandler(store);
  const route = commandRoute<SuggestionCommand>();
  const findByToken = async (token: string) => {
    const found = (await allSuggestions(store)).find((s) => s.tokenHash === hashOf(token));
    if (!found) throw new FeedbackError('EJP_SUGGESTION_NOT_FOUND', 'No suggestion has this follow-up token.');
    return found.view;
  };
  const routes = [
    route({
      method: 'POST', url: '/suggestions', operationId: 'submitSuggestion', access: { roles: ['employee', 'manager', 'hr'] }, status: 201,
      summary: 'Submit a suggestion under your name', body: SubmitBody,
      toCommand: ({ body }, { user }) => ({ type: 'SubmitSuggestion', data: { ...body, responseDays: days[body.category], submittedBy: user.subject } }),
      location: ({ body }) => `/suggestions/${body.suggestionId}`,
    }),
    route({
      method: 'POST', url: '/suggestions/anonymous', operationId: 'submitAnonymousSuggestion', access: { roles: ['employee', 'manager', 'hr'] }, status: 201,
      summary: 'Submit a suggestion anonymously; the answer carries your follow-up token (keep it: only its hash is stored)', body: SubmitBody,
      anonymous: true,
      toCommand: async ({ body }) => {
        // Derived, not drawn: a retry with the same Idempotency-Key must get the same token back.
        const key = await secrets.getOrCreateKey(FOLLOW_UP_SECRET);
        const followUpToken = createHmac('sha256', key).update(body.suggestionId).digest('hex');
        return { type: 'SubmitSuggestion', data: { ...body, responseDays: days[body.category], followUpToken, followUpTokenHash: hashOf(followUpToken) } };
      },
    }),
    route({
      method: 'POST', url: '/suggestions/:suggestionId/acknowledgement', operationId: 'acknowledgeSuggestion', access: { roles: LEADERSHIP }, status: 200,
      summary: 'Acknowledge a suggestion', params: SuggestionParams,
      toCommand: ({ params }, { user }) => ({ type: 'AcknowledgeSuggestion', data: { ...params, by: user.subject } }),
    }),
    route({
      method: 'POST', url: '/suggestions/:suggestionId/answers', operationId: 'answerSuggestion', access: { roles: LEADERSHIP }, status: 200,
      summary: 'Answer a suggestion: accepted, declined, planned or done, with a response', params: SuggestionParams,
      body: z.object({ answer: z.enum(SUGGESTION_ANSWERS), text }),
      toCommand: ({ params, body }, { user }) => ({ type: 'AnswerSuggestion', data: { ...params, ...body, by: user.subject } }),
    }),
    route({
      method: 'POST', url: '/suggestions/:suggestionId/replies', operationId: 'replyToSuggestion', access: { roles: ['employee', 'manager', 'hr', 'admin'] }, status: 200,
      summary: 'Reply on a named suggestion (its submitter) or for leadership', params: SuggestionParams, body: z.object({ text }),
      toCommand: ({ params, body }, { user }) => ({ type: 'ReplyToSuggestion', data: { ...params, text: body.text, by: user.subject, leadership: user.roles.some((r) => (LEADERSHIP as readonly string[]).includes(r)) } }),
    }),
    route({
      method: 'POST', url: '/suggestions/follow-up/:token/replies', operationId: 'replyToAnonymousSuggestion', access: { roles: ['employee', 'manager', 'hr'] }, status: 200,
      summary: 'Reply on your anonymous suggestion with its follow-up token', params: TokenParams, body: z.object({ text }),
      anonymous: true,
      toCommand: async ({ params, body }) => ({ type: 'ReplyToSuggestion', data: { suggestionId: (await findByToken(params.token)).suggestionId, text: body.text, by: 'anonymous', leadership: false } }),
    }),
  ];
  registerCommandRoutes(app, {
    handler,
    routes,
    tags: { suggestions: 'Suggestions to leadership: every one gets an answer by its deadline' },
    problems: { 403: problemResponse('Not the submitter'), 404: problemResponse('No such suggestion'), 409: problemResponse('The suggestion exists') },
    ...(options.clock ? { clock: options.clock } : {}),
    result: {
      shape: { suggestionId: z.uuid(), followUpToken: z.string().optional().describe('Anonymous submissions only: the token to read answers and reply with.') },
      of: (command) => ({ suggestionId: command.data.suggestionId, ...(command.type === 'SubmitSuggestion' && 'followUpToken' in command.data ? { followUpToken: command.data.followUpToken } : {}) }),
    },
  });
  const clock = options.clock ?? (() => new Date());
  registerSuggestionReads(app, store, findByToken, clock);
  app.post(
    '/suggestions/escalations',
    {
      config: { access: { roles: ['hr', 'admin', 'service'] } },
      schema: {
        operationId: 'escalateOverdueSuggestions',
        summary: 'Escalate every overdue unanswered suggestion to the experience committee now (the service also checks hourly)',
        tags: ['suggestions'],
        response: { 200: z.object({ escalated: z.array(z.uuid()), events: z.array(z.object({ id: z.uuid(), type: z.string(), revision: z.string() })) }) },
      },
    },
    async () => {
      const handled = await escalateOverdueSuggestions({ store, handler, now: clock() });
      return { escalated: handled.map((h) => h.suggestionId), events: handled.flatMap((h) => h.events) };
    },
  );
  return handler;
}

function registerSuggestionReads(app: ServiceApp, store: EventStore, findByToken: (token: string) => Promise<SuggestionView>, clock: () => Date): void {
  app.get(
    '/suggestions/follow-up/:token',
    { config: { access: { roles: ['employee', 'manager', 'hr'] } }, schema: { operationId: 'getAnonymousSuggestion', summary: 'Your anonymous suggestion and its answers, by its follow-up token', tags: ['suggestions'], params: TokenParams, response: { 200: suggestionViewSchema, 404: problemResponse('No suggestion has this follow-up token') } } },
    async (request) => findByToken((request.params as z.output<typeof TokenParams>).token).catch((error) => {
      throw new AppError(ErrorCodes.EJP_NOT_FOUND, error instanceof Error ? error.message : 'not found');
    }),
  );
  app.get(
    '/suggestions/overdue',
    { config: { access: { roles: ['hr', 'admin'] } }, schema: { operationId: 'listOverdueSuggestions', summary: 'Suggestions past their deadline without an answer', tags: ['suggestions'], response: { 200: z.object({ items: z.array(suggestionViewSchema) }) } } },
    async () => {
      return { items: await overdueSuggestions(store, clock()) };
    },
  );
  app.get(
    '/suggestions/response-times',
    {
      config: { access: { roles: ['hr', 'admin'] } },
      schema: {
        operationId: 'getSuggestionResponseTimes',
        summary: 'Days from submission to the first answer, per category: median and 90th percentile',
        tags: ['suggestions'],
        response: { 200: z.object({ categories: z.array(z.object({ category: z.enum(SUGGESTION_CATEGORIES), answered: z.int(), open: z.int(), medianDays: z.number().nullable(), p90Days: z.number().nullable() })) }) },
      },
    },
    async () => {
      const views = (await allSuggestions(store)).map((s) => s.view);
      return {
        categories: SUGGESTION_CATEGORIES.map((category) => {
          const mine = views.filter((v) => v.category === category);
          const days = mine.flatMap((v) => (v.firstAnsweredOn ? [daysBetween(v.submittedOn, v.firstAnsweredOn)] : [])).sort((a, b) => a - b);
          return { category, answered: days.length, open: mine.length - days.length, medianDays: days.length ? percentile(days, 50) : null, p90Days: days.length ? percentile(days, 90) : null };
        }),
      };
    },
  );
}

/** Escalates every unanswered suggestion past its deadline to the experience committee (once each). */
export async function escalateOverdueSuggestions(options: {
  store: EventStore;
  handler: SuggestionHandler;
  now: Date;
  logger?: Logger;
}): Promise<{ suggestionId: string; events: { id: string; type: string; revision: string }[] }[]> {
  const today = options.now.toISOString().slice(0, 10);
  const due = (await allSuggestions(options.store)).map((s) => s.view).filter((v) => v.status !== 'answered' && !v.escalated && v.answerDueBy < today);
  const handled = [];
  for (const view of due) {
    const result = await options.handler.handle(
      { type: 'EscalateSuggestion', data: { suggestionId: view.suggestionId }, metadata: { now: options.now } },
      { context: { actor: { id: 'feedback', kind: 'system' }, correlationId: view.suggestionId, causationId: view.suggestionId }, idempotencyKey: `escalate:${view.answerDueBy}` },
    );
    handled.push({ suggestionId: view.suggestionId, events: result.events.map((e) => ({ id: e.id, type: e.type, revision: e.revision.toString() })) });
  }
  if (due.length > 0) options.logger?.info({ escalated: due.length }, 'overdue suggestions escalated to the experience committee');
  return handled;
}

/** Checks for overdue suggestions now and then every `everyMs` (default hourly); returns the stop function. */
export function startSuggestionEscalation(options: { store: EventStore; handler: SuggestionHandler; logger: Logger; everyMs?: number }): () => void {
  const run = () =>
    escalateOverdueSuggestions({ store: options.store, handler: options.handler, now: new Date(), logger: options.logger }).catch((error) =>
      options.logger.error({ err: error }, 'escalating overdue suggestions failed; next check in an hour'),
    );
  void run();
  const timer = setInterval(run, options.everyMs ?? 3_600_000);
  timer.unref();
  const stopGauge = observeOverdueSuggestions(options.store);
  return () => {
    clearInterval(timer);
    stopGauge();
  };
}

// Made per registration, after the SDK started (the metrics API has no proxy).
const overdueGauge = () => metrics.getMeter('@ejp/feedback').createObservableGauge('ejp.slo.suggestions.overdue', {
  description: 'Suggestions past their answer deadline without an answer (escalated or not)',
  unit: '{suggestion}',
});

/** Suggestions past their answer deadline (the day after `answerDueBy`) without an answer: `/suggestions/overdue` and the SLO gauge. */
async function overdueSuggestions(store: EventStore, now: Date): Promise<SuggestionView[]> {
  const today = now.toISOString().slice(0, 10);
  return (await allSuggestions(store)).map((s) => s.view).filter((v) => v.status !== 'answered' && v.answerDueBy < today);
}

/** The suggestions SLO as a gauge, counted as `/suggestions/overdue` lists them, when metrics are collected. */
export function observeOverdueSuggestions(store: EventStore, clock: () => Date = () => new Date()): () => void {
  const observe = async (result: { observe(value: number): void }) => {
    try {
      result.observe((await overdueSuggestions(store, clock())).length);
    } catch {
      // The store is down: no point this time (the readiness probe says why).
    }
  };
  const gauge = overdueGauge();
  gauge.addCallback(observe);
  return () => gauge.removeCallback(observe);
}
