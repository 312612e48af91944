import { defineEvent, defineStreamCategory, EventCatalogue, type EventOf, StreamCategories } from '@ejp/contracts';
import { z } from 'zod';

/**
 * The suggestion box's contracts: its stream category and event types. A
 * product service writes these in packages/contracts (events in
 * src/events/<area>.ts listed in event-catalogue.ts, the category in
 * streams.ts's registry); this test service keeps them here, with a catalogue
 * and a registry of its own, so the platform's catalogue holds no test types.
 */

const SOURCE = 'suggestion-box';

/**
 * `box-<boxId>`: one box, its suggestions and their answers, so the rules
 * that must hold under concurrency (no suggestion into a closed box, one
 * answer per suggestion, no closing while one waits) live in one stream.
 * Suggestions are about the work, never about a person: the category may
 * carry no personal data, and the crypto-shredding store refuses any
 * personal field in it rather than store it unencrypted.
 */
export const BoxStreams = defineStreamCategory({
  name: 'box',
  description: 'One suggestion box: opened by a manager, suggestions dropped in it and their answers.',
  idDescription: 'the box id',
  personalDataOwner: 'none',
});

const suggestionId = z.uuid();
const text = z.string().min(1).max(2_000);

export const BoxOpened = defineEvent({
  type: 'test.box.opened',
  version: 1,
  schema: z.strictObject({
    boxId: z.uuid(),
    title: z.string().min(1).max(200),
    /** Who answers the box's suggestions: the opener's token subject. */
    ownerId: z.string().min(1).max(200),
    /** Every suggestion is due for an answer this many days after it was dropped. */
    responseDays: z.int().min(1).max(90),
  }),
  title: 'Suggestion box opened',
  source: SOURCE,
});

export const SuggestionDropped = defineEvent({
  type: 'test.box.suggestion-dropped',
  version: 1,
  schema: z.strictObject({ suggestionId, text, answerDueBy: z.iso.date() }),
  title: 'Suggestion dropped',
  description: 'Every suggestion gets an answer: it is due by answerDueBy.',
  source: SOURCE,
});

export const SuggestionAnswered = defineEvent({
  type: 'test.box.suggestion-answered',
  version: 1,
  schema: z.strictObject({ suggestionId, answer: text, late: z.boolean() }),
  title: 'Suggestion answered',
  source: SOURCE,
});

export const BoxClosed = defineEvent({
  type: 'test.box.closed',
  version: 1,
  schema: z.strictObject({}),
  title: 'Suggestion box closed',
  source: SOURCE,
});

export const suggestionBoxEvents = [BoxOpened, SuggestionDropped, SuggestionAnswered, BoxClosed] as const;

/** What the decider decides and folds: `{ type, data }` of each type at its current version. */
export type SuggestionBoxEvent = EventOf<(typeof suggestionBoxEvents)[number]>;

// Stand-ins for the platform's eventCatalogue and streamCategories, for this service's stores only.
export const boxCatalogue = new EventCatalogue(suggestionBoxEvents);
export const boxCategories = new StreamCategories([BoxStreams]);
