import { JourneyStreams } from '@ejp/contracts';
import { buddyChange, managerChanges, type ReportingLine, ReportingLinesReadModel } from '@ejp/contracts/read-models';
import { type ProjectedEvent, type Projection, singleStreamProjection } from '@ejp/projection-kit';

export const REPORTING_LINES_PROJECTION = 'reporting-lines';

const byType = new Map(managerChanges.map((change) => [change.type, change]));

export function emptyReportingLine(employeeId: string): ReportingLine {
  return { employeeId, managerId: null, buddyId: null, lastAppliedRevision: -1, updatedAt: '' };
}

/** Applies one event to an employee's line (pure): a manager change sets the manager, a new chapter forgets the old buddy. */
export function evolveReportingLine(before: ReportingLine, event: Pick<ProjectedEvent, 'type' | 'data' | 'revision' | 'occurredAt'>): ReportingLine {
  const line: ReportingLine = { ...before, lastAppliedRevision: event.revision, updatedAt: event.occurredAt };
  const change = byType.get(event.type);
  if (change) {
    line.managerId = change.managerOf(event.data)?.toLowerCase() ?? null;
    if (change.opensChapter) line.buddyId = null;
  } else if (event.type === buddyChange.type) {
    line.buddyId = buddyChange.buddyOf(event.data).toLowerCase();
  }
  return line;
}

/**
 * The access read model: one line per employee, from every event type in
 * contracts' `managerChanges` (hire, rehire, manager change, and whatever
 * another service adds there) and the buddy assignment.
 */
export function reportingLinesProjection(): Projection {
  return singleStreamProjection({
    name: REPORTING_LINES_PROJECTION,
    version: 1,
    readModel: ReportingLinesReadModel,
    category: JourneyStreams,
    canHandle: [...byType.keys(), buddyChange.type],
    initial: (event) => emptyReportingLine(event.subject),
    evolve: evolveReportingLine,
  });
}
