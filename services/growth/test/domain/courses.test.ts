import { deciderSpec } from '@ejp/command-kit/testing';
import type { CourseEvent } from '@ejp/contracts';
import { describe, it } from 'vitest';
import { type CoursesCommand, courseDecider } from '../../src/domain/courses.ts';

const spec = deciderSpec(courseDecider);
const courseId = 'a0000000-0000-4000-8000-000000000000';
const employeeId = 'a1111111-1111-4111-8111-111111111111';
const command = (type: CoursesCommand['type'], data: object) => ({ type, data: { courseId, ...data }, metadata: { now: new Date('2026-09-10T22:00:00Z') } }) as CoursesCommand;
const added: CourseEvent = { type: 'growth.course.added', data: { title: 'Kubernetes basics', provider: 'external', url: 'https://learn.example.com/k8s', skills: ['kubernetes'] } };
const enrolled: CourseEvent = { type: 'growth.course.enrolled', data: { employeeId } };
const external: CourseEvent = { type: 'growth.course.completed', data: { employeeId, completedOn: '2026-09-08', externalId: 'lms-1' } };

describe('a course', () => {
  it('refuses an external course without its link, naming the field', () => {
    spec.given([]).when(command('AddCourse', { ...added.data, url: undefined })).thenThrows((e) => (e as { extensions: { field: string } }).extensions.field === 'url');
  });

  it('enrols once and completes on the day of the command', () => {
    spec.given([added]).when(command('EnrolInCourse', { employeeId })).then([enrolled]);
    spec.given([added, enrolled]).when(command('EnrolInCourse', { employeeId })).then([]);
    spec.given([added, enrolled]).when(command('CompleteCourse', { employeeId })).then([{ type: 'growth.course.completed', data: { employeeId, completedOn: '2026-09-10' } }]);
    spec.given([]).when(command('EnrolInCourse', { employeeId })).thenThrows('EJP_COURSE_NOT_FOUND');
  });

  it("records an external system's completion once by its own id, whatever the retry says", () => {
    spec.given([added]).when(command('CompleteCourse', { employeeId, completedOn: '2026-09-08', externalId: 'lms-1' })).then([external]);
    spec.given([added, external]).when(command('CompleteCourse', { employeeId, completedOn: '2026-09-09', externalId: 'lms-1' })).then([]);
    spec.given([added, external]).when(command('CompleteCourse', { employeeId, externalId: 'lms-2' })).thenThrows('EJP_COURSE_ALREADY_COMPLETED');
  });
});
