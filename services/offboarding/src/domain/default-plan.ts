import type { OffboardingTask } from './commands.ts';

/**
 * The plan a leaver gets when HR names none, offsets in days from the last
 * day: knowledge handed over a week ahead, a farewell the day before,
 * equipment back and access removed on the last day. The farewell is the
 * only optional task. Buddy handovers join per duty (`withBuddyHandovers`).
 */
export function defaultPlan(): OffboardingTask[] {
  return [
    { id: 'knowledge-transfer', title: 'Hand over knowledge and open work', kind: 'knowledge-transfer', owner: 'employee', dueOffsetDays: -7, required: true },
    { id: 'farewell', title: 'Farewell with the team', kind: 'farewell', owner: 'manager', dueOffsetDays: -1, required: false },
    { id: 'equipment-return', title: 'Return laptop, badge and equipment', kind: 'equipment-return', owner: 'employee', dueOffsetDays: 0, required: true },
    { id: 'access-removal', title: 'Remove accounts and access', kind: 'access-removal', owner: 'it', dueOffsetDays: 0, required: true },
  ];
}

/**
 * A newcomer must not lose their buddy with the leaver: every duty the plan
 * does not already hand over gets a required task for the manager, whether
 * the plan is the default or HR's own.
 */
export function withBuddyHandovers(tasks: readonly OffboardingTask[], buddyDuties: readonly string[]): OffboardingTask[] {
  const covered = new Set(tasks.flatMap((task) => (task.buddyOf === undefined ? [] : [task.buddyOf])));
  const handovers = [...new Set(buddyDuties)]
    .filter((newcomerId) => !covered.has(newcomerId))
    .map(
      (newcomerId): OffboardingTask => ({
        id: `buddy-handover-${newcomerId}`,
        title: 'Find the newcomer a new buddy and hand over',
        kind: 'buddy-handover',
        owner: 'manager',
        dueOffsetDays: -5,
        required: true,
        buddyOf: newcomerId,
      }),
    );
  return [...tasks, ...handovers];
}
