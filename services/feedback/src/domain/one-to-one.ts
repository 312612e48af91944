import type { Command, Decider } from '@ejp/command-kit';
import type { EventOf, OneToOneRecorded } from '@ejp/contracts';
import { FeedbackError } from './errors.ts';

/**
 * One-to-one check-ins, in the employee's `journey-<employeeId>`: the
 * employee's story. The manager's timeline gets it by a fan-out projection;
 * the notes are the employee's personal data (encrypted with their key).
 */

export type OneToOneEvent = EventOf<typeof OneToOneRecorded>;
export type RecordOneToOne = Command<
  'RecordOneToOne',
  { employeeId: string; checkInId: string; managerId: string; heldOn: string; mood: number; topics: string[]; notes?: string | undefined }
>;

export interface OneToOneState {
  checkIns: ReadonlySet<string>;
}

export const oneToOneDecider: Decider<RecordOneToOne, OneToOneState, OneToOneEvent> = {
  initialState: () => ({ checkIns: new Set() }),
  evolve: (state, event) => ({ checkIns: new Set([...state.checkIns, event.data.checkInId]) }),
  decide: (command, state) => {
    const { employeeId: _, notes, ...data } = command.data;
    if (state.checkIns.has(data.checkInId)) throw new FeedbackError('EJP_CHECK_IN_EXISTS', `Check-in ${data.checkInId} is recorded already.`);
    return [{ type: 'journey.one-to-one.recorded', data: { ...data, ...(notes ? { notes } : {}) } }];
  },
};
