import { type EventData, OneToOneRecorded } from '@ejp/contracts';
import type { TimelineEntry } from '@ejp/contracts/read-models';
import type { TimelineFanOut } from './timeline-fan-outs.ts';

/**
 * A one-to-one shows on the manager's timeline too (the employee's own entry
 * comes from their stream). Its id is the event id and the manager's; it
 * carries the employee's non-personal data (mood, topics), never the notes.
 * The manager's stage and chapter are not in the employee's stream: a
 * manager holding one-to-ones is taken to be in role, in their current chapter.
 */
export const oneToOneOnManagerTimeline: TimelineFanOut = (event, own) => {
  if (event.type !== OneToOneRecorded.type) return [];
  const { managerId, mood } = event.data as EventData<typeof OneToOneRecorded>;
  const entry: TimelineEntry = { ...own, employeeId: managerId, stage: 'in-role', title: `One-to-one with a report: mood ${mood}/5` };
  return [{ id: `${event.eventId}.${managerId}`, entry }];
};
