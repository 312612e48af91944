import type { Command as KitCommand } from '@ejp/command-kit';
import type {
  BUDDY_KINDS,
  CHECK_IN_DAYS,
  ERASURE_REASONS,
  EventData,
  OnboardingPlanAssigned,
  ProbationOutcomeRecorded,
} from '@ejp/contracts';

/**
 * Commands of the onboarding decider, Emmett style: `{ type, data, metadata }`.
 * `metadata.now` is the clock: the decider never reads the system time, so a
 * decision can be replayed (idempotent retries) and tested at any instant.
 */
type Command<T extends string, D> = KitCommand<T, D>;

export type PlanTask = EventData<typeof OnboardingPlanAssigned>['tasks'][number];
export type BuddyKind = (typeof BUDDY_KINDS)[number];
export type CheckInDay = (typeof CHECK_IN_DAYS)[number];
export type ProbationOutcome = EventData<typeof ProbationOutcomeRecorded>;

export type HireEmployee = Command<
  'HireEmployee',
  {
    employeeId: string;
    givenName: string;
    familyName: string;
    email: string;
    department: string;
    role: string;
    level: string;
    managerId: string | null;
    location: string;
    /** ISO date (YYYY-MM-DD). */
    startDate: string;
    /** Omitted: the default plan (see default-plan.ts) is assigned in the same append. */
    plan?: PlanTask[];
  }
>;

export type AssignOnboardingPlan = Command<'AssignOnboardingPlan', { employeeId: string; tasks: PlanTask[] }>;

export type AssignBuddy = Command<'AssignBuddy', { employeeId: string; buddyId: string; kind: BuddyKind }>;

export type SendWelcomeMessage = Command<'SendWelcomeMessage', { employeeId: string; message: string }>;

export type CompleteOnboardingTask = Command<
  'CompleteOnboardingTask',
  {
    employeeId: string;
    taskId: string;
    /** Who completes it: an employee-only caller may complete only their own or their buddy tasks. */
    completedBy: { id: string; roles: readonly string[]; scopes?: readonly string[] };
  }
>;

export type RecordCheckIn = Command<
  'RecordCheckIn',
  { employeeId: string; day: CheckInDay; rating: number; notes?: string | undefined }
>;

export type ChangeStartDate = Command<'ChangeStartDate', { employeeId: string; startDate: string }>;

export type CompleteOnboarding = Command<'CompleteOnboarding', { employeeId: string }>;

export type RecordProbationOutcome = Command<'RecordProbationOutcome', { employeeId: string } & ProbationOutcome>;

/** Right to erasure: HR or an admin erase the employee's personal data, for one of the listed reasons. */
export type EraseEmployee = Command<'EraseEmployee', { employeeId: string; reason: (typeof ERASURE_REASONS)[number] }>;

export type OnboardingCommand =
  | HireEmployee
  | AssignOnboardingPlan
  | AssignBuddy
  | SendWelcomeMessage
  | CompleteOnboardingTask
  | RecordCheckIn
  | ChangeStartDate
  | CompleteOnboarding
  | RecordProbationOutcome
  | EraseEmployee;
