import type { Decider } from '@ejp/command-kit';
import { canSee, type ReactionEvent } from '@ejp/contracts';
import type { AddReaction } from './commands.ts';
import { RecognitionError } from './errors.ts';
import { requireActive } from './giving.ts';

/**
 * Reactions, on the REACTOR's `journey-<reactorId>` stream: the comment is
 * the reactor's personal data, and one cheer per recognition is the
 * reactor's rule. What the reaction is about (the recognition, from the
 * giver's stream) comes in the command's facts.
 */
export interface ReactionState {
  /** Recognition ids this employee cheered; a second cheer changes nothing. */
  cheered: string[];
}

export function decideReaction(command: AddReaction, state: ReactionState): ReactionEvent[] {
  const { reactorId, giverId, recognitionId, reactionId, reaction, facts } = command.data;
  requireActive(facts.employment, [reactorId]);
  const { recognition } = facts;
  // Withdrawn or not visible to the reactor: as if it did not exist, so a private one is not revealed.
  // The contracts rule, with the reactor as the only manager it needs to know of: the facts say whether they manage a recipient.
  const managers = facts.managedRecipientIds.some((id) => recognition?.recipientIds.includes(id)) ? [reactorId] : [];
  if (!recognition || recognition.withdrawn || !canSee({ id: reactorId }, { ...recognition, giverId, recipientManagerIds: managers })) {
    throw new RecognitionError('EJP_RECOGNITION_NOT_FOUND', `No recognition ${recognitionId} by ${giverId} that you can see.`);
  }
  if (reaction.kind === 'cheer') {
    if (state.cheered.includes(recognitionId)) return [];
    return [{ type: 'journey.recognition.reaction-added', data: { reactionId, recognitionId, giverId, kind: 'cheer' } }];
  }
  return [{ type: 'journey.recognition.reaction-added', data: { reactionId, recognitionId, giverId, kind: 'comment', comment: reaction.comment } }];
}

export const reactionDecider: Decider<AddReaction, ReactionState, ReactionEvent> = {
  initialState: () => ({ cheered: [] }),
  evolve: (state, event) => (event.data.kind === 'cheer' ? { cheered: [...state.cheered, event.data.recognitionId] } : state),
  decide: decideReaction,
};
