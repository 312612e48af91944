import { randomUUID } from 'node:crypto';
import { defineEvent, defineStreamCategory, JourneyStreams, newEvent, StreamCategories } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { z } from 'zod';

/**
 * A second stream category, declared as a service of its own would declare
 * it in contracts, with a registry that adds it to the platform's: proves the
 * relay, the bus and the codec read the declarations instead of assuming
 * `journey-` streams.
 */
export const SurveyStreams = defineStreamCategory({
  // Not `survey`: the platform declares that one (the feedback service); this test category must be unknown to it.
  name: 'poll',
  description: 'One poll round and its answers.',
  idDescription: 'the poll id',
  personalDataOwner: 'none',
});
/** A category the relay and the bus must not carry. */
export const SettingsStreams = defineStreamCategory({
  name: 'settings',
  description: "The organisation's settings.",
  personalDataOwner: 'none',
  published: false,
});
export const withSurveys = new StreamCategories([JourneyStreams, SurveyStreams, SettingsStreams]);

export const SurveyAnswered = defineEvent({
  type: 'survey.round.answered',
  version: 1,
  schema: z.object({ question: z.string(), score: z.int() }),
  title: 'A survey question was answered',
});

export const SettingChanged = defineEvent({
  type: 'settings.org.changed',
  version: 1,
  schema: z.object({ name: z.string() }),
  title: 'An organisation setting changed',
});

const context = { actor: { id: 'svc-survey', kind: 'service' as const }, correlationId: 'survey-corr', causationId: 'survey-cmd' };

/** Appends `answers` answers to each of `rounds` fresh survey streams and one settings event; returns the survey ids. */
export async function appendSurveys(store: Pick<EventStore, 'appendToStream'>, rounds: number, answers: number): Promise<string[]> {
  const ids = Array.from({ length: rounds }, () => randomUUID());
  for (const id of ids) {
    const events = Array.from({ length: answers }, (_, i) => newEvent(SurveyAnswered, { question: `q${i}`, score: i }, context));
    await store.appendToStream(SurveyStreams.streamOf(id), events);
  }
  await store.appendToStream(SettingsStreams.streamOf('org'), [newEvent(SettingChanged, { name: 'not published' }, context)]);
  return ids;
}
