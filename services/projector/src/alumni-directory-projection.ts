import {
  AlumniConsentWithdrawn,
  AlumnusEnrolled,
  EmployeeDeparted,
  EmployeeErased,
  EmployeeHired,
  EmployeeRehired,
  type EventData,
  JourneyStreams,
  ReferralMade,
  RehireEligibilitySet,
} from '@ejp/contracts';
import { type Alumnus, AlumniDirectoryReadModel } from '@ejp/contracts/read-models';
import { type ProjectedEvent, type Projection, singleStreamProjection } from '@ejp/projection-kit';

const HANDLED = [EmployeeErased, EmployeeHired, EmployeeRehired, EmployeeDeparted, AlumnusEnrolled, AlumniConsentWithdrawn, ReferralMade, RehireEligibilitySet].map((d) => d.type);

export function emptyAlumnus(employeeId: string): Alumnus {
  return {
    employeeId,
    listed: false,
    chapter: 0,
    department: null,
    role: null,
    departedOn: null,
    enrolledAt: null,
    contactPreference: null,
    rehireEligible: null,
    referrals: 0,
    erasedAt: null,
    lastAppliedRevision: -1,
    updatedAt: '',
  };
}

/**
 * Applies one event to an employee's alumni record (pure). Enrolment carries
 * the contact detail itself, which is personal and withheld: only the
 * channel's name is kept. A rehire ends the alumni relationship of the old
 * chapter (off the directory, eligibility void) but the referrals count on.
 */
export function evolveAlumnus(before: Alumnus, event: Pick<ProjectedEvent, 'type' | 'data' | 'revision' | 'occurredAt'>): Alumnus {
  const at = event.occurredAt;
  const s: Alumnus = { ...before, lastAppliedRevision: event.revision, updatedAt: at };
  switch (event.type) {
    case EmployeeHired.type:
    case EmployeeRehired.type: {
      const d = event.data as EventData<typeof EmployeeRehired>;
      Object.assign(s, { listed: false, chapter: before.chapter + 1, department: d.department, role: d.role, departedOn: null, enrolledAt: null, contactPreference: null, rehireEligible: null });
      break;
    }
    case EmployeeDeparted.type:
      s.departedOn = (event.data as EventData<typeof EmployeeDeparted>).departedOn;
      break;
    case AlumnusEnrolled.type:
      Object.assign(s, { listed: true, enrolledAt: at, contactPreference: (event.data as { contactPreference: Alumnus['contactPreference'] }).contactPreference });
      break;
    case AlumniConsentWithdrawn.type:
      Object.assign(s, { listed: false, enrolledAt: null, contactPreference: null });
      break;
    case EmployeeErased.type:
      // Off the directory for good: whoever asked to be forgotten is not listed to stay in touch.
      Object.assign(s, { listed: false, enrolledAt: null, contactPreference: null, erasedAt: before.erasedAt ?? at });
      break;
    case ReferralMade.type:
      s.referrals += 1;
      break;
    case RehireEligibilitySet.type:
      s.rehireEligible = (event.data as Pick<EventData<typeof RehireEligibilitySet>, 'eligible'>).eligible;
      break;
  }
  return s;
}

/** One alumni record per hired employee; the directory lists those with `listed`. */
export function alumniDirectoryProjection(): Projection {
  return singleStreamProjection({
    name: 'alumni-directory',
    version: 1,
    readModel: AlumniDirectoryReadModel,
    category: JourneyStreams,
    canHandle: HANDLED,
    initial: (event) => emptyAlumnus(event.subject),
    evolve: evolveAlumnus,
  });
}
