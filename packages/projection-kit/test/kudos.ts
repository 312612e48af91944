import { randomUUID } from 'node:crypto';
import {
  appendMetadata,
  defineEvent,
  defineStreamCategory,
  EventCatalogue,
  type JsonObject,
  JourneyStreams,
  personal,
  StreamCategories,
} from '@ejp/contracts';
import { defineReadModel } from '@ejp/contracts/read-models';
import type { JourneyEnvelope } from '@ejp/messaging';
import { z } from 'zod';
import { fanOutProjection, put } from '../src/fan-out.ts';
import { singleStreamProjection } from '../src/single-stream.ts';

/**
 * A small recognition domain for the kit's own tests: a kudos is given in the
 * GIVER's journey stream and concerns every recipient, so it reaches their
 * documents only by fan-out. A team stream category shows category filters.
 */

export const KudosGiven = defineEvent({
  type: 'test.kudos.given',
  version: 1,
  schema: z.strictObject({ recipients: z.array(z.string()).min(1), message: personal(z.string()) }),
  title: 'Kudos given',
});
export const TeamRenamed = defineEvent({ type: 'test.team.renamed', version: 1, schema: z.strictObject({ name: z.string() }), title: 'Team renamed' });

export const catalogue = new EventCatalogue([KudosGiven, TeamRenamed]);
export const TeamStreams = defineStreamCategory({ name: 'team', description: 'A team (test)', personalDataOwner: 'none' });
export const categories = new StreamCategories([JourneyStreams, TeamStreams]);

/** Per recipient: how many kudos, from whom last. Fed by every giver's stream. */
export const KudosReceived = defineReadModel({
  collection: 'kudos_received',
  schema: z.object({ count: z.int(), lastFrom: z.string() }),
  idIs: 'the recipient id',
  indexes: [['count']],
});

/** One wall entry per kudos and recipient, numbered per giver by the stream state. */
export const KudosWall = defineReadModel({
  collection: 'kudos_wall',
  schema: z.object({ recipient: z.string(), giver: z.string(), nth: z.int(), withheld: z.array(z.string()) }),
  idIs: 'event id and recipient',
  indexes: [['recipient']],
});

/** Per giver (single stream): how many events of their stream, of any type. */
export const GiverActivity = defineReadModel({
  collection: 'giver_activity',
  schema: z.object({ giver: z.string(), events: z.int(), types: z.array(z.string()), lastRevision: z.int() }),
  idIs: 'the giver id',
  indexes: [],
});

export const kudosReceived = fanOutProjection({
  name: 'kudos-received',
  version: 1,
  canHandle: [KudosGiven.type],
  categories: [JourneyStreams],
  readModels: [KudosReceived],
  documents: (event) =>
    (event.data as { recipients: string[] }).recipients.map((recipient) => ({
      readModel: KudosReceived,
      id: recipient,
      change: { inc: { count: 1 }, set: { lastFrom: event.subject } },
    })),
});

export const kudosWall = fanOutProjection<{ given: number }>({
  name: 'kudos-wall',
  version: 1,
  canHandle: [KudosGiven.type],
  readModels: [KudosWall],
  streamState: { collection: 'kudos_wall_givers', initial: () => ({ given: 0 }), evolve: (state) => ({ given: state.given + 1 }) },
  documents: (event, state) =>
    (event.data as { recipients: string[] }).recipients.map((recipient) =>
      put(KudosWall, `${event.eventId}.${recipient}`, { recipient, giver: event.subject, nth: state.given + 1, withheld: event.withheld }),
    ),
});

export const giverActivity = (version = 1) =>
  singleStreamProjection({
    name: 'giver-activity',
    version,
    canHandle: 'every-event',
    category: JourneyStreams,
    readModel: GiverActivity,
    initial: (event) => ({ giver: event.subject, events: 0, types: [], lastRevision: -1 }),
    evolve: (doc, event) => ({ ...doc, events: doc.events + 1, types: [...doc.types, event.type], lastRevision: event.revision }),
  });

/** Envelopes of one stream, revisions from `from`, as a bus delivers them. */
export function envelopes(stream: string, events: { type: string; data: JsonObject }[], from = 0): JourneyEnvelope[] {
  return events.map((event, i) => {
    const metadata = appendMetadata(1, { actor: { id: 'someone', kind: 'employee' }, correlationId: 'c', causationId: 'c', occurredAt: new Date(Date.UTC(2025, 0, 1 + from + i)) });
    return {
      eventId: randomUUID(),
      type: event.type,
      version: 1,
      stream,
      revision: String(from + i),
      globalPosition: String(1000 + from + i),
      occurredAt: metadata.occurredAt,
      recordedAt: metadata.occurredAt,
      actor: metadata.actor,
      correlationId: 'c',
      causationId: 'c',
      data: structuredClone(event.data),
    };
  });
}

export const kudos = (recipients: string[], message = 'Thanks a lot, Grace!') => ({ type: KudosGiven.type, data: { recipients, message } });
