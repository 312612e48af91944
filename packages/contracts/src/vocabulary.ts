/**
 * Domain vocabulary shared by every service (from the product brief). Plain
 * `as const` arrays rather than enums: Node strips types and cannot run enums,
 * and the arrays double as zod enum inputs.
 */

/** Where an employee is in their journey; pre-boarding starts when an offer is accepted. */
export const JOURNEY_STAGES = ['pre-boarding', 'onboarding', 'probation', 'in-role', 'offboarding', 'alumni'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

/** Who caused an event: a person in some role, a service (HRIS sync, bot) or the platform itself. */
export const ACTOR_KINDS = ['employee', 'manager', 'hr', 'admin', 'service', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
