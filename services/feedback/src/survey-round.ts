import { createHmac, randomInt } from 'node:crypto';
import { COMMAND_EVENT_NAMESPACE, catalogueCodec, createCommandHandler, type EventReader, foldEvents, uuidV5 } from '@ejp/command-kit';
import { journeyStream, newEvent, SurveyCompleted, SurveyResponseStreams, SurveyStreams, surveyEvents } from '@ejp/contracts';
import { type EventStore, InMemoryCheckpointStore, type KeyStore, SubjectErasedError, type Subscription, subscribeWithCheckpoints } from '@ejp/eventstore';
import type { Logger } from '@ejp/service-kit';
import { FeedbackError } from './domain/errors.ts';
import { type Invitee, type LaunchSurvey, type SurveyCommand, type SurveyState, surveyDecider } from './domain/survey.ts';

/**
 * What a survey round needs beyond its deciders: the per-survey secret (in a
 * key store apart from the events), the response token derived from it, the
 * survey's state for the response route (cached by revision, so a burst of
 * responses does not fold the survey stream each time), and what happens
 * after the close: "completed" markers on the respondents' journeys, then the
 * secret's destruction, after which no token can be computed again.
 */

export const surveyCodec = catalogueCodec(surveyEvents);

/** The key store subject of a survey's secret. */
export const secretSubjectOf = (surveyId: string) => `survey-${surveyId}`;

/** The survey commands' handler, for the routes and the survey calendar alike. */
export function surveyCommandHandler(store: EventStore) {
  return createCommandHandler({ store, decider: surveyDecider, codec: surveyCodec, streamOf: (c: SurveyCommand) => SurveyStreams.streamOf(c.data.surveyId), stateCache: {} });
}

/**
 * The launch command's data: the roster under response tokens. The survey's
 * secret is created here, in the key store: the events only ever see tokens.
 */
export async function launchData(secrets: KeyStore, surveyId: string, roster: readonly Omit<Invitee, 'token'>[]): Promise<LaunchSurvey['data']> {
  const secret = await secrets.getOrCreateKey(secretSubjectOf(surveyId)).catch((error: unknown): never => {
    if (error instanceof SubjectErasedError) throw new FeedbackError('EJP_SURVEY_CLOSED', `Survey ${surveyId} is closed.`);
    throw error;
  });
  return { surveyId, roster: roster.map((entry) => ({ ...entry, token: responseTokenOf(secret, entry.employeeId) })) };
}

/** HMAC-SHA256 of the employee id under the survey's secret: stable per (employee, survey), unlinkable without the secret. */
export function responseTokenOf(secret: Buffer, employeeId: string): string {
  return createHmac('sha256', secret).update(employeeId, 'utf8').digest('hex');
}

/**
 * The survey's state, refolded only from the events appended since it was
 * last read: one read from the cached revision on, empty while nothing
 * changed (the launch's event holds the whole audience, so re-reading even
 * the last event per response would cost more than the response itself).
 *
 * Requests in a burst share reads: while a read is under way, the requests
 * arriving meanwhile wait for the next one, which begins after it ends, so
 * every request still sees the survey as of a read begun after it arrived
 * (a close appended before then is seen), at one read per wave rather than
 * one per response.
 */
export function surveyStates(events: EventReader) {
  const cache = new Map<string, { state: SurveyState; revision: bigint | undefined }>();
  const flights = new Map<string, { current?: Promise<SurveyState> | undefined; next?: Promise<SurveyState> | undefined }>();
  async function refresh(surveyId: string): Promise<SurveyState> {
    const stream = SurveyStreams.streamOf(surveyId);
    const cached = cache.get(surveyId);
    const from = cached?.revision === undefined ? 0n : cached.revision + 1n;
    const recorded = await events.readStream(stream, { fromRevision: from });
    if (cached && recorded.length === 0) return cached.state;
    const state = foldEvents(surveyDecider, surveyCodec, recorded, cached?.state);
    cache.set(surveyId, { state, revision: recorded.at(-1)?.revision ?? cached?.revision });
    return state;
  }
  function begin(surveyId: string, flight: { current?: Promise<SurveyState> | undefined }): Promise<SurveyState> {
    const read: Promise<SurveyState> = refresh(surveyId).finally(() => {
      if (flight.current === read) flight.current = undefined;
    });
    flight.current = read;
    return read;
  }
  return function surveyState(surveyId: string): Promise<SurveyState> {
    const joined = flights.get(surveyId) ?? {};
    flights.set(surveyId, joined);
    if (!joined.current) return begin(surveyId, joined);
    joined.next ??= joined.current!.catch(() => undefined).then(() => {
      joined.next = undefined;
      return begin(surveyId, joined);
    });
    return joined.next;
  };
}

const COMPLETION_ACTOR = { id: 'feedback', kind: 'system' } as const;

/**
 * After the close: every invitee whose token has a response gets
 * `journey.feedback.survey-completed` dated to the close, appended in a
 * random order, all in one go (never next to their response in the log, never
 * at its time); then the secret is destroyed. Idempotent: the markers' ids are
 * derived from survey and employee, and a survey whose secret is gone is done.
 */
export async function completeSurveyRound(options: { store: EventStore; secrets: KeyStore; surveyId: string }): Promise<number> {
  const { store, secrets, surveyId } = options;
  const secret = await secrets.findKey(secretSubjectOf(surveyId));
  if (secret.state !== 'active') return 0;
  const state = foldEvents(surveyDecider, surveyCodec, await store.readStream(SurveyStreams.streamOf(surveyId)));
  if (state.status !== 'closed') return 0;
  const responded = await respondedTokens(store, surveyId);
  const respondents = state.invited.filter((employeeId) => responded.has(responseTokenOf(secret.key, employeeId)));
  for (let i = respondents.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [respondents[i], respondents[j]] = [respondents[j]!, respondents[i]!];
  }
  const occurredAt = new Date(`${state.closedOn}T00:00:00.000Z`);
  for (const employeeId of respondents) {
    const id = uuidV5(COMMAND_EVENT_NAMESPACE, `survey-completed\u0000${surveyId}\u0000${employeeId}`);
    const event = newEvent(SurveyCompleted, { surveyId, title: state.title, completedBy: state.closedOn! }, { actor: COMPLETION_ACTOR, correlationId: surveyId, causationId: surveyId, occurredAt, id });
    await store.appendToStream(journeyStream(employeeId), [event], { expectedRevision: 'any' });
  }
  await secrets.erase(secretSubjectOf(surveyId));
  return respondents.length;
}

async function respondedTokens(store: EventStore, surveyId: string): Promise<Set<string>> {
  const prefix = SurveyResponseStreams.streamOf(`${surveyId}.`);
  const tokens = new Set<string>();
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 1_000, ...(after === undefined ? {} : { after }) });
    for (const event of page) tokens.add(event.streamName.slice(prefix.length));
    if (page.length < 1_000) return tokens;
    after = page.at(-1)!.position;
  }
}

/** Completes every closed survey, at start (a crash between close and completion) and as closes happen. */
export function startSurveyCompletion(options: { store: EventStore; secrets: KeyStore; logger: Logger }): Subscription {
  return subscribeWithCheckpoints({
    store: options.store,
    // From the start at every boot: a completed survey costs one key lookup.
    checkpoints: new InMemoryCheckpointStore(),
    subscriberId: 'survey-completion',
    filter: { eventTypes: ['feedback.survey.closed'] },
    handler: async (event) => {
      const surveyId = SurveyStreams.idOf(event.streamName);
      if (!surveyId) return;
      const marked = await completeSurveyRound({ store: options.store, secrets: options.secrets, surveyId });
      options.logger.info({ surveyId, marked }, 'survey round completed: markers appended, secret destroyed');
    },
    onError: (error, attempt) => options.logger.error({ err: error, attempt }, 'survey completion failed; retrying'),
  });
}
