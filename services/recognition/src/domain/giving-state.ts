import type { GivingEvent, pointsSplit, RecognitionVisibility } from '@ejp/contracts';
import type { z } from 'zod';
import type { Audience } from './commands.ts';

/**
 * The write-side state of one giver (`journey-<giverId>`): what the
 * allowance rules need, and the recognitions a withdrawal or a reaction
 * refers to. No personal data (the messages stay in the events), so erasing
 * the giver loses nothing here. The events record which month and how much
 * boost each give drew on, so no time zone is needed to fold them.
 */

export type PointsSplit = z.output<typeof pointsSplit>;

export interface Given {
  kind: 'recognition' | 'shout-out';
  recipientIds: string[];
  /** Shout-outs are public. */
  visibility: RecognitionVisibility;
  audience: Audience | null;
  /** Null for a shout-out (no points). */
  funding: PointsSplit | null;
  withdrawableUntil: string;
  withdrawn: boolean;
}

export interface GivingState {
  given: Record<string, Given>;
  /** Base allowance spent, by allowance month (`YYYY-MM` in the organisation's zone). */
  spentByMonth: Record<string, number>;
  /** Boost points not spent yet: they roll over. */
  boostBalance: number;
}

export function initialGivingState(): GivingState {
  return { given: {}, spentByMonth: {}, boostBalance: 0 };
}

export function evolveGiving(state: GivingState, event: GivingEvent): GivingState {
  switch (event.type) {
    case 'journey.recognition.given': {
      const { recognitionId, recipientIds, visibility, funding, withdrawableUntil } = event.data;
      return {
        ...spend(state, funding, +1),
        given: { ...state.given, [recognitionId]: { kind: 'recognition', recipientIds, visibility, audience: null, funding, withdrawableUntil, withdrawn: false } },
      };
    }
    case 'journey.shout-out.given': {
      const { recognitionId, audience, withdrawableUntil } = event.data;
      return {
        ...state,
        given: { ...state.given, [recognitionId]: { kind: 'shout-out', recipientIds: [], visibility: 'public', audience, funding: null, withdrawableUntil, withdrawn: false } },
      };
    }
    case 'journey.recognition.withdrawn': {
      const given = state.given[event.data.recognitionId];
      if (!given) return state;
      const after = event.data.returned ? spend(state, event.data.returned, -1) : state;
      return { ...after, given: { ...state.given, [event.data.recognitionId]: { ...given, withdrawn: true } } };
    }
    case 'journey.allowance.boost-granted':
      return { ...state, boostBalance: state.boostBalance + event.data.points };
  }
}

/** Spends (+1) or returns (-1) points: the base allowance of their month, and the boost. */
function spend(state: GivingState, split: PointsSplit, sign: 1 | -1): GivingState {
  const spent = (state.spentByMonth[split.month] ?? 0) + sign * split.allowance;
  return { ...state, spentByMonth: { ...state.spentByMonth, [split.month]: spent }, boostBalance: state.boostBalance - sign * split.boost };
}
