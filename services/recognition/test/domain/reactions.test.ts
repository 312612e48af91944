import { deciderSpec } from '@ejp/command-kit/testing';
import type { ReactionEvent } from '@ejp/contracts';
import { describe, it } from 'vitest';
import type { AddReaction, Reaction } from '../../src/domain/commands.ts';
import type { Given } from '../../src/domain/giving-state.ts';
import { reactionDecider } from '../../src/domain/reactions.ts';
import { ada, earlierId, employment, giverId, grace, manager } from './fixtures.ts';

const spec = deciderSpec(reactionDecider);
const reactionId = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const stranger = '55555555-5555-4555-8555-555555555555';

const recognition = (change: Partial<Given> = {}): Given => ({
  kind: 'recognition',
  recipientIds: [ada],
  visibility: 'public',
  audience: null,
  funding: { month: '2025-03', allowance: 10, boost: 0 },
  withdrawableUntil: '2025-03-11T10:00:00.000Z',
  withdrawn: false,
  ...change,
});

function react(reactorId: string, options: { reaction?: Reaction; recognition?: Given | null; manages?: string[]; reactorStatus?: 'active' | 'departed' } = {}): AddReaction {
  return {
    type: 'AddReaction',
    data: {
      reactorId,
      giverId,
      recognitionId: earlierId,
      reactionId,
      reaction: options.reaction ?? { kind: 'cheer' },
      facts: {
        employment: employment({ [reactorId]: options.reactorStatus ?? 'active' }),
        recognition: options.recognition === undefined ? recognition() : options.recognition,
        managedRecipientIds: options.manages ?? [],
      },
    },
    metadata: { now: new Date('2025-03-10T12:00:00.000Z') },
  };
}

const cheer: ReactionEvent = { type: 'journey.recognition.reaction-added', data: { reactionId, recognitionId: earlierId, giverId, kind: 'cheer' } };

describe('reacting to a recognition', () => {
  it('anyone employed may cheer a public one, once: a second cheer changes nothing', () => {
    spec.given([]).when(react(stranger)).then([cheer]);
    spec.given([cheer]).when(react(stranger)).then([]);
  });

  it('comments (the reactor’s words) may be many', () => {
    const comment: ReactionEvent = { type: 'journey.recognition.reaction-added', data: { reactionId, recognitionId: earlierId, giverId, kind: 'comment', comment: 'So deserved!' } };
    spec.given([comment, cheer]).when(react(grace, { reaction: { kind: 'comment', comment: 'So deserved!' } })).then([comment]);
  });

  it('a withdrawn or never given recognition is not found', () => {
    spec.given([]).when(react(grace, { recognition: recognition({ withdrawn: true }) })).thenThrows('EJP_RECOGNITION_NOT_FOUND');
    spec.given([]).when(react(grace, { recognition: null })).thenThrows('EJP_RECOGNITION_NOT_FOUND');
  });

  it('a private one is seen, and reacted to, only by its giver and recipients: others get a 404, as if it did not exist', () => {
    const privately = recognition({ visibility: 'recipients' });
    spec.given([]).when(react(ada, { recognition: privately })).then([cheer]);
    spec.given([]).when(react(giverId, { recognition: privately })).then([cheer]);
    spec.given([]).when(react(stranger, { recognition: privately })).thenThrows('EJP_RECOGNITION_NOT_FOUND');
    // Managing a recipient is not enough when the giver chose recipients only.
    spec.given([]).when(react(manager, { recognition: privately, manages: [ada] })).thenThrows('EJP_RECOGNITION_NOT_FOUND');
  });

  it('"recipients and managers" lets a recipient’s manager in, no other manager', () => {
    const withManagers = recognition({ visibility: 'recipients-and-managers' });
    spec.given([]).when(react(manager, { recognition: withManagers, manages: [ada] })).then([cheer]);
    spec.given([]).when(react(manager, { recognition: withManagers, manages: [] })).thenThrows('EJP_RECOGNITION_NOT_FOUND');
  });

  it('the reactor must be hired and not departed', () => {
    spec.given([]).when(react(stranger, { reactorStatus: 'departed' })).thenThrows('EJP_EMPLOYEE_DEPARTED');
  });
});
