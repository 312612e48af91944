import { z } from 'zod';
import { actorSchema } from '../envelope.ts';
import { defineReadModel, type ReadModelDocument } from './define-read-model.ts';

const isoDateTime = z.iso.datetime();

/**
 * One privileged action: an event whose contracts definition is marked
 * `audit` (an erasure, a settings change, an override...). Written by the
 * projector's audit-trail projection from every stream category, listed to
 * admins by the journey API. Holds no personal data: `data` is the event
 * without its personal fields, as every read model.
 */
export const auditEntrySchema = z
  .object({
    eventId: z.uuid(),
    action: z.string().describe('The kind of privileged action, from the event definition: `erasure`, `settings-change`, `override`...'),
    type: z.string().describe('Event type, e.g. journey.employee.erased.'),
    title: z.string().describe("The event type's title."),
    actorId: z.string().describe('Who did it (the envelope actor id): the filterable copy of `actor.id`.'),
    actor: actorSchema,
    subject: z.string().describe('Whom or what it concerns: the stream subject (an employee id, an organisation id).'),
    category: z.string().describe('The stream category of the subject: `journey` (an employee) or `organisation`.'),
    stream: z.string(),
    revision: z.int().min(0),
    occurredAt: isoDateTime.describe('When it happened.'),
    recordedAt: isoDateTime.describe('When the platform recorded it.'),
    correlationId: z.string().describe('The request it came from (to find it in the logs and traces).'),
    data: z.record(z.string(), z.unknown()).describe('The event data without personal fields.'),
    withheld: z.array(z.string()).describe('JSON paths of personal fields left out of `data`.'),
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
