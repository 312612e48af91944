import { type EventData, RecognitionGiven, RecognitionWithdrawn, TeamShoutOutGiven } from '@ejp/contracts';
import { type Recognition, RecognitionReadModel } from '@ejp/contracts/read-models';
import { type DocumentReader, getAll, type ProjectedEvent } from '@ejp/projection-kit';
import { departmentsOf, managersOf, type RecognitionPeople } from './department-membership.ts';

/**
 * A recognition as every recognition read model sees it, built once from the
 * given event (and the memberships of the people it names), and looked up
 * again when it is withdrawn: the withdrawal says only which one.
 */

export const GIVEN_TYPES: readonly string[] = [RecognitionGiven.type, TeamShoutOutGiven.type];
export const isGiven = (event: ProjectedEvent) => GIVEN_TYPES.includes(event.type);
export const isWithdrawn = (event: ProjectedEvent) => event.type === RecognitionWithdrawn.type;
export const withdrawnId = (event: ProjectedEvent) => (event.data as EventData<typeof RecognitionWithdrawn>).recognitionId;

export function recognitionOf(event: ProjectedEvent, people: RecognitionPeople | undefined): Recognition {
  const common = { giverId: event.subject, givenAt: event.occurredAt, withdrawnAt: null, departments: departmentsOf(event, people) };
  if (event.type === TeamShoutOutGiven.type) {
    const d = event.data as EventData<typeof TeamShoutOutGiven>;
    return { ...common, recognitionId: d.recognitionId, kind: 'shout-out', recipientIds: [], audience: d.audience, recipientManagerIds: [], values: d.values, pointsPerRecipient: 0, visibility: 'public' };
  }
  const d = event.data as EventData<typeof RecognitionGiven>;
  return {
    ...common,
    recognitionId: d.recognitionId,
    kind: 'recognition',
    recipientIds: d.recipientIds,
    audience: null,
    recipientManagerIds: managersOf(people),
    values: d.values,
    pointsPerRecipient: d.pointsPerRecipient,
    visibility: d.visibility,
  };
}

/**
 * The recognitions the batch's withdrawals name: as stored, or as given
 * earlier in this batch (a give and its withdrawal are in one stream, so in
 * order). `people` are the memberships recognitionPeopleOf found.
 */
export async function withdrawnRecognitions(events: readonly ProjectedEvent[], reader: DocumentReader, people: ReadonlyMap<string, RecognitionPeople>): Promise<Map<string, Recognition>> {
  const wanted = events.filter(isWithdrawn).map(withdrawnId);
  if (wanted.length === 0) return new Map();
  const found = new Map([...(await getAll<Recognition>(reader, RecognitionReadModel.collection, wanted))].map(([id, d]) => [id, d.doc]));
  for (const event of events) {
    if (!isGiven(event)) continue;
    const recognition = recognitionOf(event, people.get(event.eventId));
    if (wanted.includes(recognition.recognitionId)) found.set(recognition.recognitionId, recognition);
  }
  return found;
}
