import type { StageEvent } from './journey-stage.ts';

/**
 * Where an employee sits in the organisation: department, role, level and
 * manager. One fold over the journey stream for every reader, so that the
 * hire, a rehire and a position change (transfer, promotion, rotation) move
 * the reporting line alike: the journey status, the growth service's rules
 * (no manager as mentor, who approves an application) and anything that
 * decides access by reporting line.
 */
export interface Position {
  department: string;
  role: string;
  level: string;
  /** Null for whoever has no manager. */
  managerId: string | null;
}

/** The event types that set the position, each carrying the four fields in its data. */
export const POSITION_SETTING_TYPES = ['journey.employee.hired', 'journey.employee.rehired', 'journey.employee.position-changed'] as const;

/** The position after `event`, or the one before when the event does not set it. */
export function evolvePosition(position: Position | null, event: StageEvent): Position | null {
  if (!(POSITION_SETTING_TYPES as readonly string[]).includes(event.type)) return position;
  const { department, role, level, managerId } = event.data as Position;
  return { department, role, level, managerId };
}
