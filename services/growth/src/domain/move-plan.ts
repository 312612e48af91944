import type { EventData, MovePlanAssigned, PositionChanged } from '@ejp/contracts';

export type MoveTask = EventData<typeof MovePlanAssigned>['tasks'][number];
type MoveKind = EventData<typeof PositionChanged>['kind'];

/**
 * The task list a move gets when HR names none, offsets in days from the
 * move's effective day (as onboarding's are from the start date): the old
 * team hands over before, access and the new team's welcome on the day, a
 * first one-to-one with the new manager in the first week and a 30-day
 * check-in. A promotion in the same team has no handover and no new access;
 * a rotation adds the review of how it went before it ends.
 */
export function defaultMovePlan(kind: MoveKind, sameTeam: boolean): MoveTask[] {
  const handover: MoveTask[] = sameTeam
    ? []
    : [
        { id: 'handover', title: 'Hand over open work to the old team', owner: 'previous-manager', dueOffsetDays: -5, required: true },
        { id: 'access', title: "Grant the new team's access, remove what is no longer needed", owner: 'it', dueOffsetDays: 0, required: true },
        { id: 'welcome', title: 'Welcome in the new team', owner: 'new-manager', dueOffsetDays: 0, required: false },
      ];
  const common: MoveTask[] = [
    { id: 'records', title: kind === 'promotion' ? 'Update title, level and pay' : 'Update department, role and reporting line', owner: 'hr', dueOffsetDays: 0, required: true },
    { id: 'first-one-to-one', title: 'First one-to-one: expectations in the new position', owner: 'new-manager', dueOffsetDays: 5, required: true },
    { id: 'check-in-30', title: '30-day check-in on the move', owner: 'new-manager', dueOffsetDays: 30, required: false },
  ];
  const rotation: MoveTask[] =
    kind === 'rotation' ? [{ id: 'rotation-review', title: 'Review the rotation and plan the return', owner: 'employee', dueOffsetDays: 60, required: false }] : [];
  return [...handover, ...common, ...rotation];
}
