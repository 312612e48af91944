import { z } from 'zod';
import { actorSchema } from '../envelope.ts';
import { RECOGNITION_VISIBILITIES } from '../events/recognition.ts';
import { JOURNEY_STAGES } from '../vocabulary.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

const isoDateTime = z.iso.datetime();

/**
 * One touchpoint of an employee's journey, written by the projector's timeline
 * projection and served by the journey API. Revisions are plain numbers (a
 * journey never nears 2^53 events; numbers sort natively in both stores);
 * times are UTC `toISOString`, so they also compare as strings.
 */
export const timelineEntrySchema = z
  .object({
    employeeId: z.string().min(1).describe('Whose journey it is (the subject of the stream).'),
    eventId: z.uuid(),
    revision: z.int().min(0).describe("Position in the employee's journey stream: the journey order."),
    occurredAt: isoDateTime.describe('When it happened.'),
    recordedAt: isoDateTime.describe('When the platform recorded it (what `asOf` compares with).'),
    stage: z.enum(JOURNEY_STAGES).describe('The stage the employee was in when it happened.'),
    chapter: z
      .int()
      .min(0)
      .describe('The chapter of the journey it belongs to: 1 for the first employment, 2 after a rehire (the rehire opens it), 0 before any hire.'),
    type: z.string().describe('Event type, e.g. journey.employee.hired.'),
    version: z.int().min(1).describe('Version of the data shown (always the current version of the type).'),
    title: z.string().describe('Human-readable one-line summary.'),
    actor: actorSchema,
    source: z.string().describe('The service that recorded it.'),
    data: z.record(z.string(), z.unknown()).describe('The event data without personal fields.'),
    withheld: z.array(z.string()).describe('JSON paths of personal fields left out of `data`, e.g. `$.email`.'),
    recognition: z
      .object({
        direction: z.enum(['given', 'received']).describe('Given by this employee, or received (a shout-out to their department or team is received too).'),
        giverId: z.string(),
        recipientIds: z.array(z.string()),
        visibility: z.enum(RECOGNITION_VISIBILITIES),
        recipientManagerIds: z.array(z.string()),
      })
      .optional()
      .describe('On recognition entries: who may see it (contracts `canSee`), and whether it was given or received.'),
    withdrawnAt: isoDateTime.optional().describe('Set when the recognition was withdrawn: the timeline no longer shows the entry.'),
  })
  .describe('One touchpoint of the journey');

export const TimelineReadModel = defineReadModel({
  collection: 'timeline',
  schema: timelineEntrySchema,
  idIs: 'the event id',
  // Every timeline query filters on the employee and pages in journey (revision) order.
  indexes: [
    ['employeeId', 'revision', 'occurredAt'],
    ['employeeId', 'stage', 'revision'],
    ['employeeId', 'type', 'revision'],
    ['employeeId', 'chapter', 'revision'],
  ],
});

export type TimelineEntry = ReadModelDocument<typeof TimelineReadModel>;

/**
 * What the timeline's per-employee index keeps of one entry: all of it, with
 * its id (the employee is the index's own id).
 */
export const timelineIndexEntrySchema = timelineEntrySchema.omit({ employeeId: true }).extend({ id: z.string().min(1).describe('The id of the entry in the timeline read model.') });

/**
 * One document per employee (id = the employee id) holding a copy of each of
 * their timeline entries, so that a timeline read is one lookup by id (and
 * one per recognition on the page, whose entry a withdrawal patches). The
 * MongoDB-wire server the platform runs locally (FerretDB v1) has no index
 * it can use for any filter: each find scans its collection (an `_id` filter
 * in SQLite or PostgreSQL rather than in Go), so a read is cheapest in the
 * collection of one document per employee rather than ten or more.
 */
export const TimelineIndexReadModel = defineReadModel({
  collection: 'timeline_index',
  schema: z.object({
    entries: z.record(z.string(), timelineIndexEntrySchema).describe('By timelineIndexKey(entry id).'),
  }),
  idIs: 'the employee id',
  indexes: [],
});

/**
 * An entry id as a field name of `entries`: field paths are identifiers, so
 * every character but letters and digits is written `_` and its UTF-16 code
 * in four hex digits (`-` is `_002d`); one id, one key.
 */
export function timelineIndexKey(entryId: string): string {
  return `k${entryId.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`;
}
