import { catalogueCodec, commandRoute, createCommandHandler } from '@ejp/command-kit';
import { CourseAdded, CourseCompleted, courseEvents, CourseStreams } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { z } from 'zod';
import { type CoursesCommand, courseDecider } from '../domain/courses.ts';

const CourseParams = z.object({ courseId: z.uuid() });
const completion = CourseCompleted.schema.shape;

const route = commandRoute<CoursesCommand>();
const base = '/courses/:courseId';

export const courseRoutes = [
  route({
    method: 'POST', url: '/courses', operationId: 'addCourse', access: { roles: ['hr'] }, status: 201,
    summary: 'Add a course to the catalogue (internal, or external with its link)', body: CourseAdded.schema.safeExtend({ courseId: z.uuid() }),
    toCommand: ({ body }) => ({ type: 'AddCourse', data: body }),
    location: ({ body }) => `/courses/${body.courseId}`,
  }),
  route({
    method: 'POST', url: `${base}/enrolments`, operationId: 'enrolInCourse', access: { roles: ['employee', 'manager', 'hr'] }, status: 200,
    summary: 'Enrol in the course (yourself)', params: CourseParams,
    toCommand: ({ params }, { user }) => ({ type: 'EnrolInCourse', data: { ...params, employeeId: user.subject } }),
  }),
  route({
    method: 'POST', url: `${base}/completions`, operationId: 'completeCourse', access: { roles: ['employee', 'manager', 'hr'] }, status: 200,
    summary: 'Record that you completed the course (today, or on completedOn)', params: CourseParams,
    body: z.strictObject({ completedOn: completion.completedOn.optional() }),
    toCommand: ({ params, body }, { user }) => ({ type: 'CompleteCourse', data: { ...params, employeeId: user.subject, ...body } }),
  }),
  route({
    method: 'POST', url: `${base}/external-completions`, operationId: 'recordExternalCourseCompletion', access: { roles: ['service'] }, status: 200,
    summary: "An external learning system posts a completion; idempotent by the system's own id (externalId)", params: CourseParams,
    body: z.strictObject({ externalId: completion.externalId.unwrap(), employeeId: completion.employeeId, completedOn: completion.completedOn }),
    toCommand: ({ params, body }) => ({ type: 'CompleteCourse', data: { ...params, ...body } }),
  }),
];

export function createCourseHandler(store: EventStore) {
  return createCommandHandler({
    store,
    decider: courseDecider,
    codec: catalogueCodec(courseEvents),
    streamOf: (command: CoursesCommand) => CourseStreams.streamOf(command.data.courseId),
    // Folded states kept between commands (command kit stateCache): this state holds no personal data.
    stateCache: {},
  });
}
