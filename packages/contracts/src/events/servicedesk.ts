import { z } from 'zod';
import { Uuid } from '../canonical.ts';
import { defineEvent, type EventOf } from '../define-event.ts';
import { personal } from '../personal-data.ts';

/**
 * The employee service desk. Where each event lives, and why:
 *
 * - The catalogue (agent teams, business-hours calendars, request items with
 *   their form, approval chain and SLA policy) is admin settings in
 *   `servicecatalogue-<orgId>` (streams.ts): no personal data; who changed
 *   what is the envelope's actor.
 * - Everything about one request is in `servicerequest-<requestId>`: its
 *   rules (one rating, no resolution while waiting on the employee, a clock
 *   breached once) are about that request. Every event names the requester:
 *   the request's personal data (title, answers, comments, reasons) is the
 *   requester's, encrypted with their key whoever wrote it, and their
 *   timeline learns of it by a projection.
 * - Events that move an SLA clock carry the deadlines in force after them,
 *   so readers (queues, breach risk, the breach watcher) never redo the
 *   business-hours arithmetic; the decider recomputes them from the
 *   request's history when the policy changes (`sla-recomputed`).
 */

const SOURCE = 'servicedesk';
const employeeId = Uuid;
const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens, e.g. it-support')
  .max(60);
const at = z.iso.datetime();

export const REQUEST_CATEGORIES = ['it', 'expenses', 'hr', 'facilities', 'access'] as const;
export const APPROVAL_CHAINS = ['none', 'manager', 'manager-then-finance'] as const;
export const SLA_CLOCKS = ['first-response', 'resolution'] as const;
export const DEFAULT_FIRST_RESPONSE_MINUTES = 24 * 60;
/** The calendar an item without one is measured on: every minute counts, so 24 hours are a day. */
export const ALWAYS_OPEN_CALENDAR_ID = 'always';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');

/** Working hours in one time zone, on some weekdays, minus holidays. */
export const businessCalendar = z
  .strictObject({
    calendarId: slug,
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone, e.g. Europe/London'),
    /** ISO weekdays: 1 is Monday, 7 Sunday. */
    workingDays: z.array(z.int().min(1).max(7)).min(1).max(7).refine((d) => new Set(d).size === d.length, 'working days must be unique'),
    opensAt: hhmm,
    closesAt: hhmm,
    holidays: z.array(z.iso.date()).max(366).default([]),
  })
  .refine((c) => c.opensAt < c.closesAt, { message: 'closesAt must be after opensAt', path: ['closesAt'] });
export type BusinessCalendar = z.output<typeof businessCalendar>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Targets in business minutes on the calendar named. */
export const slaPolicy = z.strictObject({
  firstResponseMinutes: z.int().min(1).max(525_600).default(DEFAULT_FIRST_RESPONSE_MINUTES),
  resolutionMinutes: z.int().min(1).max(525_600),
  calendarId: slug.default(ALWAYS_OPEN_CALENDAR_ID),
});

/** The deadlines in force; null while the clock is paused or stopped. */
export const slaDeadlines = z.strictObject({ firstResponseDueAt: at.nullable(), resolutionDueAt: at.nullable() });
export type SlaDeadlines = z.output<typeof slaDeadlines>;

/** A policy as a request measures it: the targets and the calendar itself (so a request's history is enough to recompute). */
export const measuredPolicy = z.strictObject({
  firstResponseMinutes: z.int().min(1),
  resolutionMinutes: z.int().min(1),
  calendar: businessCalendar,
});
export type MeasuredPolicy = z.output<typeof measuredPolicy>;

// ── The catalogue (servicecatalogue-<orgId>) ────────────────────────────────

export const ServiceTeamDefined = defineEvent({
  type: 'servicedesk.team.defined',
  version: 1,
  schema: z.strictObject({ teamId: slug, name: z.string().trim().min(1).max(120), agentIds: z.array(employeeId).max(200) }),
  title: 'Service team defined',
  description: 'A team that owns request items, and its agents (the list replaces the previous one).',
  source: SOURCE,
});

export const BusinessCalendarDefined = defineEvent({
  type: 'servicedesk.calendar.defined',
  version: 1,
  schema: businessCalendar,
  title: 'Business calendar defined',
  description: 'Working hours and holidays SLA clocks run on; open requests on it get their deadlines recomputed.',
  source: SOURCE,
});

export const RequestItemDefined = defineEvent({
  type: 'servicedesk.item.defined',
  version: 1,
  schema: z
    .strictObject({
      itemId: slug,
      title: z.string().trim().min(1).max(200),
      category: z.enum(REQUEST_CATEGORIES),
      owningTeamId: slug,
      /** A JSON Schema (object) the answers of a request are checked against. */
      form: z.record(z.string(), z.unknown()),
      approvalChain: z.enum(APPROVAL_CHAINS),
      /** The team whose agents give the finance approval (manager-then-finance only). */
      financeTeamId: slug.nullable().default(null),
      sla: slaPolicy,
    })
    .refine((d) => (d.approvalChain === 'manager-then-finance') === (d.financeTeamId !== null), {
      message: 'financeTeamId is set exactly when the approval chain is manager-then-finance',
      path: ['financeTeamId'],
    }),
  title: 'Request item defined',
  description: 'An item employees can request (or its new definition: a changed SLA policy recomputes the deadlines of its open requests).',
  source: SOURCE,
});

export const RequestItemRetired = defineEvent({
  type: 'servicedesk.item.retired',
  version: 1,
  schema: z.strictObject({ itemId: slug }),
  title: 'Request item retired',
  description: 'No new request of the item; open ones carry on.',
  source: SOURCE,
});

export const serviceCatalogueEvents = [ServiceTeamDefined, BusinessCalendarDefined, RequestItemDefined, RequestItemRetired] as const;
export type ServiceCatalogueEvent = EventOf<(typeof serviceCatalogueEvents)[number]>;

// ── One request (servicerequest-<requestId>) ────────────────────────────────

const about = { requesterId: employeeId, at };
const reason = personal(z.string().trim().min(1).max(2_000));
const approvalStep = z.enum(['manager', 'finance']);

export const ServiceRequestSubmitted = defineEvent({
  type: 'servicedesk.request.submitted',
  version: 1,
  schema: z.strictObject({
    ...about,
    itemId: slug,
    teamId: slug,
    title: personal(z.string().trim().min(1).max(200)),
    answers: personal(z.record(z.string(), z.unknown())),
    /** Who approves, in order: the requester's manager, then an agent of the finance team. */
    approvals: z.array(z.strictObject({ step: approvalStep, approverId: employeeId.nullable(), teamId: slug.nullable() })).max(2),
    policy: measuredPolicy,
    deadlines: slaDeadlines,
  }),
  title: 'Service request submitted',
  description: "An employee asked for an item of the catalogue; the clocks start once it needs no more approval.",
  source: SOURCE,
});

const requestEvent = <const T extends string, S extends z.core.$ZodShape>(type: T, title: string, description: string, shape: S) =>
  defineEvent({ type, version: 1, schema: z.strictObject({ ...about, ...shape }), title, description, source: SOURCE });

export const ServiceRequestApproved = requestEvent('servicedesk.request.approved', 'Service request approved', 'One approval step granted.', {
  step: approvalStep,
  approverId: employeeId,
  deadlines: slaDeadlines,
});
export const ServiceRequestRejected = requestEvent('servicedesk.request.rejected', 'Service request rejected', 'An approver refused it, with a reason; the request is closed.', {
  step: approvalStep,
  approverId: employeeId,
  reason,
});
export const ServiceRequestAcknowledged = requestEvent('servicedesk.request.acknowledged', 'Service request acknowledged', 'An agent of the owning team took note: the first response.', {
  agentId: employeeId,
  deadlines: slaDeadlines,
});
export const ServiceRequestAssigned = requestEvent('servicedesk.request.assigned', 'Service request assigned', 'An agent of the owning team is in charge.', {
  agentId: employeeId,
  assignedBy: employeeId,
});
export const ServiceRequestWorkStarted = requestEvent('servicedesk.request.work-started', 'Work started on a service request', 'In progress.', {
  agentId: employeeId,
  deadlines: slaDeadlines,
});
export const ServiceRequestWaitingOnEmployee = requestEvent(
  'servicedesk.request.waiting-on-employee',
  'Service request waiting on the employee',
  'The team needs something from the requester: the clocks pause.',
  { agentId: employeeId, deadlines: slaDeadlines },
);
export const ServiceRequestResumed = requestEvent('servicedesk.request.resumed', 'Service request resumed', 'Back with the team (the requester answered): the clocks run again.', {
  deadlines: slaDeadlines,
});
export const ServiceRequestCommented = requestEvent('servicedesk.request.commented', 'Comment on a service request', 'Seen by the requester and the agents.', {
  commentId: Uuid,
  authorId: employeeId,
  authorRole: z.enum(['requester', 'agent']),
  text: personal(z.string().trim().min(1).max(5_000)),
  deadlines: slaDeadlines,
});
export const ServiceRequestResolved = requestEvent('servicedesk.request.resolved', 'Service request resolved', 'The team says it is done; the requester may rate it or reopen it.', {
  agentId: employeeId,
  resolution: reason,
  deadlines: slaDeadlines,
});
export const ServiceRequestReopened = requestEvent('servicedesk.request.reopened', 'Service request reopened', 'The requester says it is not done: the resolution clock runs on from where it stopped.', {
  reason,
  deadlines: slaDeadlines,
});
export const ServiceRequestClosed = requestEvent('servicedesk.request.closed', 'Service request closed', 'Settled: no more changes.', { closedBy: employeeId });
export const ServiceRequestRated = requestEvent('servicedesk.request.rated', 'Service request rated', 'The requester rated the resolution 1 to 5.', {
  rating: z.int().min(1).max(5),
  comment: personal(z.string().trim().min(1).max(2_000)).nullable(),
});
export const ServiceRequestSlaRecomputed = requestEvent(
  'servicedesk.request.sla-recomputed',
  'Service request deadlines recomputed',
  "The item's policy or calendar changed: the deadlines follow, from the request's own history.",
  { policy: measuredPolicy, deadlines: slaDeadlines },
);
export const ServiceRequestSlaBreached = requestEvent('servicedesk.request.sla-breached', 'Service request SLA breached', 'A clock passed its deadline (for paging and chat bots).', {
  clock: z.enum(SLA_CLOCKS),
  dueAt: at,
});

export const serviceRequestEvents = [
  ServiceRequestSubmitted,
  ServiceRequestApproved,
  ServiceRequestRejected,
  ServiceRequestAcknowledged,
  ServiceRequestAssigned,
  ServiceRequestWorkStarted,
  ServiceRequestWaitingOnEmployee,
  ServiceRequestResumed,
  ServiceRequestCommented,
  ServiceRequestResolved,
  ServiceRequestReopened,
  ServiceRequestClosed,
  ServiceRequestRated,
  ServiceRequestSlaRecomputed,
  ServiceRequestSlaBreached,
] as const;
export type ServiceRequestEvent = EventOf<(typeof serviceRequestEvents)[number]>;

export const servicedeskEvents = [...serviceCatalogueEvents, ...serviceRequestEvents] as const;
