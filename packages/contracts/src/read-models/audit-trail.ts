import { z } from 'zod';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';
import { timelineEntrySchema } from './timeline.ts';

/**
 * One privileged action: an event whose contracts definition is marked
 * `audit` (an erasure, a settings change, an override...). Written by the
 * projector's audit-trail projection from every stream category, listed to
 * admins by the journey API. Holds no personal data: `data` is the event
 * without its personal fields, as every read model.
 */
export const auditEntrySchema = timelineEntrySchema
  // What an audit entry shares with a timeline entry, declared once there: the event, its actor, times and safe data.
  .pick({ eventId: true, type: true, actor: true, occurredAt: true, recordedAt: true, data: true, withheld: true })
  .extend({
    action: z.string().describe('The kind of privileged action, from the event definition: `erasure`, `settings-change`, `override`...'),
    title: z.string().describe("The event type's title."),
    actorId: z.string().describe('Who did it (the envelope actor id): the filterable copy of `actor.id`.'),
    subject: z.string().describe('Whom or what it concerns: the stream subject (an employee id, an organisation id).'),
    category: z.string().describe('The stream category of the subject: `journey` (an employee) or `organisation`.'),
    stream: z.string(),
    revision: z.int().min(0),
    correlationId: z.string().describe('The request it came from (to find it in the logs and traces).'),
  })
  .describe('One privileged action in the audit trail');

export const AuditTrailReadModel = defineReadModel({
  collection: 'audit_trail',
  schema: auditEntrySchema,
  idIs: 'the event id',
  // Listed newest first, filtered by at most one of these besides the time range.
  indexes: [['occurredAt'], ['action', 'occurredAt'], ['actorId', 'occurredAt'], ['subject', 'occurredAt']],
});

export type AuditEntry = ReadModelDocument<typeof AuditTrailReadModel>;
