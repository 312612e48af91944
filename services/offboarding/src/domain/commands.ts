import type {
  AlumnusEnrolled,
  EmployeeRehired,
  EventData,
  ExitInterviewRecorded,
  OffboardingPlanAssigned,
  OffboardingStarted,
  ReferralMade,
  RehireEligibilitySet,
} from '@ejp/contracts';

/**
 * Commands of the offboarding decider, Emmett style: `{ type, data, metadata }`.
 * `metadata.now` is the clock: the decider never reads the system time, so a
 * decision can be replayed (idempotent retries) and tested at any instant.
 * Data reuses the event shapes from contracts wherever the command asks for
 * exactly what the event records.
 */
export interface CommandMetadata {
  now: Date;
}

interface Command<T extends string, D> {
  type: T;
  data: { employeeId: string } & D;
  metadata: CommandMetadata;
}

export type OffboardingTask = EventData<typeof OffboardingPlanAssigned>['tasks'][number];

export type StartOffboarding = Command<
  'StartOffboarding',
  EventData<typeof OffboardingStarted> & {
    /** Omitted: the default plan (default-plan.ts). */
    plan?: OffboardingTask[];
    /**
     * Newcomers this employee is buddy or mentor to. Those assignments live in
     * the newcomers' streams, so the caller looks them up (a read model) and
     * the plan gets one handover task per duty.
     */
    buddyDuties?: string[];
  }
>;

export type WithdrawResignation = Command<'WithdrawResignation', object>;

export type AssignOffboardingPlan = Command<'AssignOffboardingPlan', { tasks: OffboardingTask[] }>;

export type CompleteOffboardingTask = Command<
  'CompleteOffboardingTask',
  {
    taskId: string;
    /** Who completes it: an employee-only caller may complete only the leaver's own tasks. */
    completedBy: { id: string; roles: readonly string[]; scopes?: readonly string[] };
  }
>;

export type ChangeLastDay = Command<'ChangeLastDay', { lastDay: string }>;

/** Sent by a scheduler on the last day (again on a retry: the second time is a no-op). */
export type MarkAccessRemovalDue = Command<'MarkAccessRemovalDue', object>;

export type RecordExitInterview = Command<'RecordExitInterview', EventData<typeof ExitInterviewRecorded>>;

export type Depart = Command<
  'Depart',
  {
    /** Sets aside the rules that would refuse the departure (open required tasks, before the last day), with HR's reason. */
    override?: { reason: string };
  }
>;

type Enrolment = EventData<typeof AlumnusEnrolled>;
/** The contact channel and its detail, one union member per preference (the event's shape without its consent mark). */
export type AlumniContact = Enrolment extends infer Member ? (Member extends unknown ? Omit<Member, 'consent'> : never) : never;

export type EnrolAlumnus = Command<'EnrolAlumnus', { consent: boolean; contact: AlumniContact }>;

export type WithdrawAlumniConsent = Command<'WithdrawAlumniConsent', object>;

export type MakeReferral = Command<'MakeReferral', EventData<typeof ReferralMade>>;

export type SetRehireEligibility = Command<'SetRehireEligibility', EventData<typeof RehireEligibilitySet>>;

export type Rehire = Command<'Rehire', EventData<typeof EmployeeRehired>>;

export type OffboardingCommand =
  | StartOffboarding
  | WithdrawResignation
  | AssignOffboardingPlan
  | CompleteOffboardingTask
  | ChangeLastDay
  | MarkAccessRemovalDue
  | RecordExitInterview
  | Depart
  | EnrolAlumnus
  | WithdrawAlumniConsent
  | MakeReferral
  | SetRehireEligibility
  | Rehire;
