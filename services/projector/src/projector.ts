import { type EventCatalogue, eventCatalogue } from '@ejp/contracts';
import type { Logger } from '@ejp/messaging';
import { reportingLinesProjection } from '@ejp/access/projection';
import { createProjectionRunner, type Projection, type ProjectionRunner } from '@ejp/projection-kit';
import type { ReadStore } from '@ejp/readstore';
import { alumniDirectoryProjection } from './alumni-directory-projection.ts';
import { attritionProjection } from './attrition-projection.ts';
import { employeeExperienceProjection } from './experience-projection.ts';
import { auditTrailProjection } from './audit-trail-projection.ts';
import { growthProjections } from './growth-projections.ts';
import { journeyStatusProjection } from './journey-status.ts';
import { offboardingProgressProjection } from './offboarding-progress-projection.ts';
import { serviceRequestsProjection, serviceTeamsProjection } from './service-requests-projection.ts';
import { departmentMembershipProjection } from './department-membership.ts';
import { organisationSettingsProjection, recognitionFeedProjection, recognitionSummaryProjection, recognitionValuesProjection } from './recognition-projections.ts';
import { surveyResultsProjection } from './survey-results-projection.ts';
import { timelineProjection } from './timeline-projection.ts';

/**
 * Names the consumer group suffix (Kafka) and the checkpoint (in-process bus,
 * `bus:timeline`): changing it replays everything. It predates the second
 * projection and stays, so existing checkpoints still apply.
 */
export const PROJECTOR_HANDLER_NAME = 'timeline';

export interface JourneyProjectionsOptions {
  catalogue?: EventCatalogue;
}

/**
 * The projector's projections, in write order: the journey status last, so
 * a reader that waited for the status's lastAppliedRevision (read-your-writes)
 * finds every timeline entry, offboarding and alumni record up to it.
 */
export function journeyProjections(options: JourneyProjectionsOptions = {}): Projection[] {
  const catalogue = options.catalogue ?? eventCatalogue;
  return [
    // The membership and the recognitions before the timeline: a shout-out's fan-out reads them (from earlier batches).
    departmentMembershipProjection(),
    organisationSettingsProjection(),
    recognitionFeedProjection(),
    recognitionSummaryProjection(),
    recognitionValuesProjection(),
    timelineProjection({ catalogue }),
    offboardingProgressProjection(),
    alumniDirectoryProjection(),
    attritionProjection({ catalogue }),
    serviceRequestsProjection(),
    serviceTeamsProjection(),
    auditTrailProjection({ catalogue }),
    // Before the status: a reader that waited for the status's revision finds the reporting line (what access reads) written.
    reportingLinesProjection(),
    ...growthProjections(),
    surveyResultsProjection(),
    employeeExperienceProjection({ catalogue }),
    journeyStatusProjection({ catalogue }),
  ];
}

export interface ProjectorOptions extends JourneyProjectionsOptions {
  logger?: Logger;
}

/** The runner of the journey projections: what the Kafka consumer runtime (main.ts) and the in-process bus (standalone) feed. */
export function createProjector(readStore: ReadStore, options: ProjectorOptions = {}): ProjectionRunner {
  const catalogue = options.catalogue ?? eventCatalogue;
  return createProjectionRunner({
    name: PROJECTOR_HANDLER_NAME,
    readStore,
    projections: journeyProjections({ catalogue }),
    catalogue,
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
