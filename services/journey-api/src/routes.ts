import { DEFAULT_MIN_GROUP_SIZE } from '@ejp/contracts';
import type { ReadStore } from '@ejp/readstore';
import { declareTags, type ServiceApp } from '@ejp/service-kit';
import { registerAlumniRoute } from './alumni-route.ts';
import { registerAttritionRoute } from './attrition-route.ts';
import { registerAuditRoute } from './audit-route.ts';
import { registerJourneyRoute } from './journey-route.ts';
import { registerOffboardingRoute } from './offboarding-route.ts';
import type { ReadWaitOptions } from './read-your-writes.ts';
import { registerServicedeskQueryRoutes } from './servicedesk-route.ts';
import { registerRecognitionAnalyticsRoute } from './recognition-analytics-route.ts';
import { registerRecognitionRoutes } from './recognition-routes.ts';
import { registerGrowthQueryRoutes } from './growth-route.ts';
import { registerSkillsRoute } from './skills-route.ts';
import { registerTimelineRoute } from './timeline-route.ts';
import { registerProfileRoute } from './profile-route.ts';
import { registerHeatmapRoutes } from './heatmap-routes.ts';
import { registerExperienceRoutes } from './experience-routes.ts';

export interface JourneyApiOptions {
  readStore: ReadStore;
  /** "Now" for overdue tasks and the current stage; injectable for tests. */
  clock?: () => Date;
  /** How long `minRevision` may wait for the projection (ms). */
  readWaitTimeoutMs: number;
  /** Re-read interval while waiting (ms, default 25). */
  readWaitPollMs?: number;
  /** The smallest group analytics show below company level (default DEFAULT_MIN_GROUP_SIZE: 5). */
  minGroupSize?: number;
  /** ORG_ID: whose recognition settings (the monthly allowance) apply (default `default`). */
  organisationId?: string;
  /** ORG_TIMEZONE: the allowance month is the month there (default UTC). */
  timeZone?: string;
  /** See ReadWaitOptions.writtenRevision: where the event store is at hand, `minRevision` for an unknown journey answers 404 at once. */
  writtenRevision?: ReadWaitOptions['writtenRevision'];
}

/** Shared by the routes: the resolved options. */
export interface RouteContext {
  readStore: ReadStore;
  clock: () => Date;
  wait: ReadWaitOptions;
  minGroupSize: number;
  organisationId: string;
  timeZone: string;
}

/** Adds the journey query routes to an app built by createServiceApp (standalone and distributed alike). */
export function registerJourneyApiRoutes(app: ServiceApp, options: JourneyApiOptions): void {
  declareTags(app, {
    journey: "Queries over the journey read models: an employee's timeline and journey status",
    'offboarding-progress': "An employee's offboarding as the read side sees it: its plan, due dates, interview and departure",
    analytics: 'Aggregates over many employees, with the minimum group size below company level',
    alumni: 'The alumni directory: former employees who consented to stay in touch',
    'servicedesk-reports': 'The employee service desk: my requests, team queues and SLA figures',
    audit: 'The audit trail: privileged actions (erasures, settings changes, overrides), for admins',
    'recognition-feed': "Peer recognition as the read side sees it: the public feed and each employee's summary",
    growth: 'The growth centre: development plans, mentorships and mentor directories, internal openings and applications',
  });
  const context: RouteContext = {
    readStore: options.readStore,
    clock: options.clock ?? (() => new Date()),
    wait: {
      timeoutMs: options.readWaitTimeoutMs,
      pollMs: options.readWaitPollMs ?? 25,
      // Projection lag is normally well under a second; a retry after one second is a fair first guess.
      retryAfterSeconds: 1,
      writtenRevision: options.writtenRevision,
    },
    minGroupSize: options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    organisationId: options.organisationId ?? 'default',
    timeZone: options.timeZone ?? 'UTC',
  };
  registerTimelineRoute(app, context);
  registerJourneyRoute(app, context);
  registerOffboardingRoute(app, context);
  registerAttritionRoute(app, context);
  registerAlumniRoute(app, context);
  registerServicedeskQueryRoutes(app, context);
  registerAuditRoute(app, context);
  registerRecognitionRoutes(app, context);
  registerRecognitionAnalyticsRoute(app, context);
  registerGrowthQueryRoutes(app, context);
  registerSkillsRoute(app, context);
  registerProfileRoute(app, context);
  registerHeatmapRoutes(app, context);
  registerExperienceRoutes(app, context);
}
