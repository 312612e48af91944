import { type EventData, OneToOneRecorded } from '@ejp/contracts';
import { TimelineReadModel } from '@ejp/contracts/read-models';
import { put } from '@ejp/projection-kit';
import { timelineContribution } from './timeline-contribution.ts';

/**
 * A one-to-one shows on the manager's timeline too (the employee's own entry
 * comes from their stream). Its id is the event id and the manager's; it
 * carries the employee's non-personal data (mood, topics), never the notes.
 * The manager's stage and chapter are not in the employee's stream: a
 * manager holding one-to-ones is taken to be in role, in their current chapter.
 */
export const oneToOneTimeline = timelineContribution<undefined>({
  prepare: async () => undefined,
  documents: (event, _prepared, own) => {
    if (event.type !== OneToOneRecorded.type || !own) return [];
    const { managerId, mood } = event.data as EventData<typeof OneToOneRecorded>;
    return [put(TimelineReadModel, `${event.eventId}.${managerId}`, { ...own, employeeId: managerId, stage: 'in-role', title: `One-to-one with a report: mood ${mood}/5` })];
  },
});
