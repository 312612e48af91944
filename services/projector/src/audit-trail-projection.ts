import { auditActionOf, auditedTypes, type EventCatalogue, eventCatalogue } from '@ejp/contracts';
import { type AuditEntry, AuditTrailReadModel } from '@ejp/contracts/read-models';
import { fanOutProjection, type ProjectedEvent, type Projection, put } from '@ejp/projection-kit';

export interface AuditTrailProjectionOptions {
  catalogue?: EventCatalogue;
}

/**
 * One audit entry per privileged action (id = event id): every event whose
 * contracts definition is marked `audit`, from every stream category (an
 * erasure in a journey, a settings change of the organisation). A service
 * marks its own event types there; this projection needs no change for them.
 */
export function auditTrailProjection(options: AuditTrailProjectionOptions = {}): Projection {
  const catalogue = options.catalogue ?? eventCatalogue;
  return fanOutProjection({
    name: 'audit-trail',
    version: 1,
    canHandle: auditedTypes(catalogue),
    readModels: [AuditTrailReadModel],
    documents: (event) => {
      const action = auditActionOf(event.type, event.data, catalogue);
      return action === undefined ? [] : [put(AuditTrailReadModel, event.eventId, auditEntry(event, action))];
    },
  });
}

function auditEntry(event: ProjectedEvent, action: string): AuditEntry {
  return {
    eventId: event.eventId,
    action,
    type: event.type,
    title: event.definition?.title ?? event.type,
    actorId: event.actor.id,
    actor: event.actor,
    subject: event.subject,
    category: event.category.name,
    stream: event.stream,
    revision: event.revision,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    correlationId: event.correlationId,
    data: event.data,
    withheld: event.withheld,
  };
}
