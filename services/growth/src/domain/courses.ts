import type { Command, Decider } from '@ejp/command-kit';
import { CourseAdded, CourseCompleted, CourseEnrolled, type CourseEvent, type EventData, isoDay } from '@ejp/contracts';
import { GrowthError, recorded } from './errors.ts';

/**
 * A course of the learning catalogue (`course-<courseId>`), its enrolments and
 * completions. A completion an external learning system posts is
 * idempotent by that system's own id: the same id again records nothing,
 * whatever else the retry says, so a system that re-sends its feed does no harm.
 */

type CourseCommand<T extends string, D> = Command<T, { courseId: string } & D>;

export type AddCourse = CourseCommand<'AddCourse', EventData<typeof CourseAdded>>;
export type EnrolInCourse = CourseCommand<'EnrolInCourse', EventData<typeof CourseEnrolled>>;
/** `completedOn` omitted: the day of the command. */
export type CompleteCourse = CourseCommand<'CompleteCourse', Omit<EventData<typeof CourseCompleted>, 'completedOn'> & { completedOn?: string }>;

export type CoursesCommand = AddCourse | EnrolInCourse | CompleteCourse;

export interface ListedCourse {
  status: 'listed';
  enrolled: string[];
  completed: string[];
  externalIds: string[];
}

export type CourseState = { status: 'none' } | ListedCourse;

export function evolveCourse(state: CourseState, event: CourseEvent): CourseState {
  if (event.type === 'growth.course.added') return { status: 'listed', enrolled: [], completed: [], externalIds: [] };
  if (state.status === 'none') return state;
  if (event.type === 'growth.course.enrolled') return { ...state, enrolled: [...state.enrolled, event.data.employeeId] };
  const { employeeId, externalId } = event.data;
  return { ...state, completed: [...state.completed, employeeId], externalIds: externalId === undefined ? state.externalIds : [...state.externalIds, externalId] };
}

export function decideCourse(command: CoursesCommand, state: CourseState): CourseEvent[] {
  const { courseId } = command.data;
  if (command.type === 'AddCourse') {
    if (state.status !== 'none') throw new GrowthError('EJP_COURSE_EXISTS', `Course ${courseId} is in the catalogue.`);
    const { courseId: _, ...course } = command.data;
    return [recorded(CourseAdded, course)];
  }
  if (state.status === 'none') throw new GrowthError('EJP_COURSE_NOT_FOUND', `No course ${courseId} is in the catalogue.`);
  const { employeeId } = command.data;
  if (command.type === 'EnrolInCourse') {
    // Enrolling twice, or after completing, changes nothing.
    return state.enrolled.includes(employeeId) || state.completed.includes(employeeId) ? [] : [recorded(CourseEnrolled, { employeeId })];
  }
  const { externalId, completedOn } = command.data;
  if (externalId !== undefined && state.externalIds.includes(externalId)) return [];
  if (state.completed.includes(employeeId)) {
    throw new GrowthError('EJP_COURSE_ALREADY_COMPLETED', `Employee ${employeeId} completed course ${courseId} already.`, { employeeId });
  }
  const day = completedOn ?? isoDay(command.metadata.now);
  return [recorded(CourseCompleted, { employeeId, completedOn: day, ...(externalId === undefined ? {} : { externalId }) })];
}

export const courseDecider: Decider<CoursesCommand, CourseState, CourseEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveCourse,
  decide: decideCourse,
};
