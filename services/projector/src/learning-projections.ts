import { type CourseAdded, type CourseCompleted, courseEvents, CourseStreams, type EventData } from '@ejp/contracts';
import { type Course, CourseReadModel, type LearningRecord, LearningRecordReadModel } from '@ejp/contracts/read-models';
import { fanOutProjection, type ProjectedEvent, type Projection, put, singleStreamProjection } from '@ejp/projection-kit';

/**
 * The learning catalogue (one document per course, with its enrolment and
 * completion counts) and each employee's learning records (one per course
 * they enrolled in or completed, with the course's title and link).
 */

const types = courseEvents.map((e) => e.type);

export function evolveCourseDoc(before: Course, event: ProjectedEvent): Course {
  const s: Course = { ...before, lastAppliedRevision: event.revision, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'growth.course.added': {
      const { title, provider, url, skills } = event.data as EventData<typeof CourseAdded>;
      return { ...s, title, provider, url: url ?? null, skills, addedAt: event.occurredAt };
    }
    case 'growth.course.enrolled':
      return { ...s, enrolled: s.enrolled + 1 };
    default:
      return { ...s, completed: s.completed + 1 };
  }
}

export function courseCatalogueProjection(): Projection {
  return singleStreamProjection({
    name: 'courses',
    version: 1,
    readModel: CourseReadModel,
    category: CourseStreams,
    canHandle: types,
    initial: (event): Course => ({ courseId: event.subject, title: '', provider: 'internal', url: null, skills: [], enrolled: 0, completed: 0, addedAt: event.occurredAt, lastAppliedRevision: -1, updatedAt: '' }),
    evolve: evolveCourseDoc,
  });
}

interface CourseRecords {
  course: LearningRecord['course'] | null;
  records: Record<string, LearningRecord>;
}

function evolveRecords(state: CourseRecords, event: ProjectedEvent): CourseRecords {
  if (event.type === 'growth.course.added') {
    const { title, provider, url, skills } = event.data as EventData<typeof CourseAdded>;
    return { ...state, course: { title, provider, url: url ?? null, skills } };
  }
  if (!state.course) return state;
  const employeeId = event.data.employeeId as string;
  const current = state.records[employeeId] ?? { courseId: event.subject, employeeId, course: state.course, status: 'enrolled', enrolledAt: null, completedOn: null, externalId: null };
  const next: LearningRecord =
    event.type === 'growth.course.enrolled'
      ? { ...current, enrolledAt: event.occurredAt }
      : { ...current, status: 'completed', completedOn: (event.data as EventData<typeof CourseCompleted>).completedOn, externalId: (event.data.externalId as string | undefined) ?? null };
  return { ...state, records: { ...state.records, [employeeId]: next } };
}

export function learningRecordsProjection(): Projection {
  return fanOutProjection<CourseRecords>({
    name: 'learning-records',
    version: 1,
    canHandle: types,
    categories: [CourseStreams],
    readModels: [LearningRecordReadModel],
    streamState: { collection: 'learning_records_state', initial: () => ({ course: null, records: {} }), evolve: evolveRecords },
    documents: (event, state) => {
      const after = evolveRecords(state, event);
      return Object.values(after.records)
        .filter((r) => r !== state.records[r.employeeId])
        .map((r) => put(LearningRecordReadModel, `${r.courseId}|${r.employeeId}`, r));
    },
  });
}
