import {
  AllowanceBoostGranted,
  CompanyValueAdded,
  CompanyValueRenamed,
  CompanyValueRetired,
  DEFAULT_MONTHLY_ALLOWANCE,
  type EventData,
  JourneyStreams,
  OrganisationStreams,
  RecognitionAllowanceSet,
  RecognitionGiven,
  RecognitionWithdrawn,
  TeamShoutOutGiven,
} from '@ejp/contracts';
import {
  allFeedKeys,
  OrganisationSettingsReadModel,
  type Recognition,
  RecognitionFeedReadModel,
  RecognitionReadModel,
  RecognitionSummaryReadModel,
  RecognitionValueCellReadModel,
  summaryKeys,
  valueCellId,
} from '@ejp/contracts/read-models';
import { type DocumentTarget, fanOutProjection, type ProjectedEvent, type Projection, put, singleStreamProjection } from '@ejp/projection-kit';
import type { DocumentReader } from '@ejp/projection-kit';
import { MEMBERSHIP_EVENTS, type RecognitionPeople, recognitionPeopleOf } from './department-membership.ts';
import { isGiven, isWithdrawn, recognitionOf, withdrawnId, withdrawnRecognitions } from './recognition-records.ts';

/**
 * The recognition read models: the recognitions and the public feed's index,
 * each employee's summary counters, the value analytics cells, and the
 * organisation's settings. A withdrawal undoes what its give did in each
 * (the feed entries are marked withdrawn; counters are decremented).
 */

interface Prepared {
  people: Map<string, RecognitionPeople>;
  withdrawn: Map<string, Recognition>;
}

async function prepare(events: readonly ProjectedEvent[], reader: DocumentReader): Promise<Prepared> {
  const people = await recognitionPeopleOf(events, reader, false);
  return { people, withdrawn: await withdrawnRecognitions(events, reader, people) };
}

// With the membership events: the batch's hires and departures change whom a recognition names.
const RECOGNITION_TYPES = [RecognitionGiven.type, TeamShoutOutGiven.type, RecognitionWithdrawn.type, ...MEMBERSHIP_EVENTS];

/** The recognitions, and the feed index of the public ones. */
export function recognitionFeedProjection(): Projection {
  return fanOutProjection<Record<string, never>, Prepared>({
    name: 'recognition-feed',
    version: 1,
    canHandle: RECOGNITION_TYPES,
    categories: [JourneyStreams],
    readModels: [RecognitionReadModel, RecognitionFeedReadModel],
    prepare,
    documents: (event, _state, { people, withdrawn }) => {
      if (isGiven(event)) {
        const recognition = recognitionOf(event, people.get(event.eventId));
        return [put(RecognitionReadModel, recognition.recognitionId, recognition), ...feedEntries(recognition, { replace: true })];
      }
      const recognition = isWithdrawn(event) ? withdrawn.get(withdrawnId(event)) : undefined;
      if (!recognition) return [];
      return [{ readModel: RecognitionReadModel, id: recognition.recognitionId, change: { set: { withdrawnAt: event.occurredAt } } }, ...feedEntries(recognition, { replace: false })];
    },
  });
}

/** One entry per filter key of a public recognition (none for any other); on withdrawal, each is marked. */
function feedEntries(recognition: Recognition, { replace }: { replace: boolean }): DocumentTarget[] {
  if (recognition.visibility !== 'public') return [];
  return allFeedKeys(recognition.values, recognition.departments).map((key) => {
    const id = `${recognition.recognitionId}|${key}`;
    if (!replace) return { readModel: RecognitionFeedReadModel, id, change: { set: { withdrawn: true } } };
    return put(RecognitionFeedReadModel, id, { key, recognitionId: recognition.recognitionId, givenAt: recognition.givenAt, withdrawn: false });
  });
}

/** Increments of one employee's summary (`sign` -1 undoes a give). */
function summary(employeeId: string, inc: Record<string, number>): DocumentTarget {
  return { readModel: RecognitionSummaryReadModel, id: employeeId, change: { set: { employeeId }, inc } };
}

/** What a recognition adds to its giver's and its recipients' counters (shout-outs count for the giver only). */
function summaryTargets(recognition: Recognition, sign: 1 | -1, spent: { month: string; allowance: number; boost: number } | null): DocumentTarget[] {
  const day = summaryKeys.day(recognition.givenAt);
  const giver: Record<string, number> = { [`givenByDay.${day}`]: sign };
  if (spent) Object.assign(giver, { [`spentByMonth.${summaryKeys.month(spent.month)}`]: sign * spent.allowance, boostSpent: sign * spent.boost });
  const received: Record<string, number> = { [`receivedByDay.${day}`]: sign, pointsReceived: sign * recognition.pointsPerRecipient };
  for (const value of recognition.values) received[`valuesReceived.${summaryKeys.value(value)}`] = sign;
  return [summary(recognition.giverId, giver), ...recognition.recipientIds.map((id) => summary(id, received))];
}

export function recognitionSummaryProjection(): Projection {
  return fanOutProjection<Record<string, never>, Prepared>({
    name: 'recognition-summary',
    version: 1,
    canHandle: [...RECOGNITION_TYPES, AllowanceBoostGranted.type],
    categories: [JourneyStreams],
    readModels: [RecognitionSummaryReadModel],
    prepare,
    documents: (event, _state, { people, withdrawn }) => {
      if (event.type === AllowanceBoostGranted.type) return [summary(event.subject, { boostGranted: (event.data as EventData<typeof AllowanceBoostGranted>).points })];
      if (isGiven(event)) {
        const funding = event.type === RecognitionGiven.type ? (event.data as EventData<typeof RecognitionGiven>).funding : null;
        return summaryTargets(recognitionOf(event, people.get(event.eventId)), 1, funding);
      }
      const recognition = isWithdrawn(event) ? withdrawn.get(withdrawnId(event)) : undefined;
      return recognition ? summaryTargets(recognition, -1, (event.data as EventData<typeof RecognitionWithdrawn>).returned) : [];
    },
  });
}

/** Recognitions per company value, department and UTC month. */
export function recognitionValuesProjection(): Projection {
  const cells = (recognition: Recognition, sign: 1 | -1): DocumentTarget[] =>
    recognition.departments.flatMap((department) =>
      recognition.values.map((valueId) => {
        const cell = { month: recognition.givenAt.slice(0, 7), department, valueId };
        return { readModel: RecognitionValueCellReadModel, id: valueCellId(cell), change: { set: cell, inc: { recognitions: sign } } };
      }),
    );
  return fanOutProjection<Record<string, never>, Prepared>({
    name: 'recognition-values',
    version: 1,
    canHandle: RECOGNITION_TYPES,
    categories: [JourneyStreams],
    readModels: [RecognitionValueCellReadModel],
    prepare,
    documents: (event, _state, { people, withdrawn }) => {
      if (isGiven(event)) return cells(recognitionOf(event, people.get(event.eventId)), 1);
      const recognition = isWithdrawn(event) ? withdrawn.get(withdrawnId(event)) : undefined;
      return recognition ? cells(recognition, -1) : [];
    },
  });
}

/** The organisation's company values and monthly allowance. */
export function organisationSettingsProjection(): Projection {
  return singleStreamProjection({
    name: 'organisation-settings',
    version: 1,
    readModel: OrganisationSettingsReadModel,
    category: OrganisationStreams,
    canHandle: [CompanyValueAdded, CompanyValueRenamed, CompanyValueRetired, RecognitionAllowanceSet].map((d) => d.type),
    initial: (event) => ({ organisationId: event.subject, monthlyAllowance: DEFAULT_MONTHLY_ALLOWANCE, values: [] }),
    evolve: (settings, event) => {
      const d = event.data as { valueId: string; name: string; to: string | number };
      switch (event.type) {
        case CompanyValueAdded.type:
          return { ...settings, values: [...settings.values, { valueId: d.valueId, name: d.name, retired: false }] };
        case CompanyValueRenamed.type:
          return { ...settings, values: settings.values.map((v) => (v.valueId === d.valueId ? { ...v, name: String(d.to) } : v)) };
        case CompanyValueRetired.type:
          return { ...settings, values: settings.values.map((v) => (v.valueId === d.valueId ? { ...v, retired: true } : v)) };
        default:
          return { ...settings, monthlyAllowance: Number(d.to) };
      }
    },
  });
}
