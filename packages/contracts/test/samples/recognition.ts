// Valid and invalid payloads per recognition event type and version (see
// test/event-modules.ts). Each invalid payload breaks exactly one rule.
import type { SamplesByType } from '../event-modules.ts';

const recognitionId = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98';
const ada = '5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71';
const grace = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const until = '2025-03-04T09:00:00.000Z';

const given = {
  recognitionId,
  recipientIds: [ada, grace],
  values: ['customer-obsession'],
  message: 'Thank you both for the launch weekend!',
  pointsPerRecipient: 10,
  visibility: 'public',
  funding: { month: '2025-03', allowance: 15, boost: 5 },
  withdrawableUntil: until,
};

const shoutOut = {
  recognitionId,
  audience: { kind: 'department', department: 'Engineering' },
  values: ['ownership'],
  message: 'What a quarter, Engineering!',
  withdrawableUntil: until,
};

const reaction = { reactionId: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d', recognitionId, giverId: ada };

export const samples: SamplesByType = {
  'journey.recognition.given': {
    1: {
      valid: [
        given,
        { ...given, recipientIds: [ada], pointsPerRecipient: 0, funding: { month: '2025-12', allowance: 0, boost: 0 }, visibility: 'recipients-and-managers' },
      ],
      invalid: [
        { why: 'no recipients', data: { ...given, recipientIds: [] } },
        { why: 'eleven recipients', data: { ...given, recipientIds: Array.from({ length: 11 }, (_, i) => `5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a${String(i).padStart(2, '0')}`) } },
        { why: 'no value tag', data: { ...given, values: [] } },
        { why: 'value tag with capitals', data: { ...given, values: ['Customer Obsession'] } },
        { why: 'message over 1,000 characters', data: { ...given, message: 'x'.repeat(1_001) } },
        { why: 'empty message', data: { ...given, message: '' } },
        { why: 'fractional points', data: { ...given, pointsPerRecipient: 2.5 } },
        { why: 'negative points', data: { ...given, pointsPerRecipient: -1 } },
        { why: 'unknown visibility', data: { ...given, visibility: 'everyone' } },
        { why: 'month 13', data: { ...given, funding: { ...given.funding, month: '2025-13' } } },
      ],
    },
  },
  'journey.shout-out.given': {
    1: {
      valid: [shoutOut, { ...shoutOut, audience: { kind: 'team', managerId: grace } }],
      invalid: [
        { why: 'team without a manager', data: { ...shoutOut, audience: { kind: 'team' } } },
        { why: 'points on a shout-out', data: { ...shoutOut, pointsPerRecipient: 5 } },
        { why: 'unknown audience', data: { ...shoutOut, audience: { kind: 'company' } } },
      ],
    },
  },
  'journey.recognition.withdrawn': {
    1: {
      valid: [
        { recognitionId, returned: { month: '2025-03', allowance: 15, boost: 5 } },
        { recognitionId, returned: null },
      ],
      invalid: [
        { why: 'no returned points', data: { recognitionId } },
        { why: 'negative points returned', data: { recognitionId, returned: { month: '2025-03', allowance: -1, boost: 0 } } },
      ],
    },
  },
  'journey.allowance.boost-granted': {
    1: {
      valid: [{ boostId: recognitionId, points: 50 }],
      invalid: [
        { why: 'zero points', data: { boostId: recognitionId, points: 0 } },
        { why: 'not a uuid', data: { boostId: 'boost-1', points: 5 } },
      ],
    },
  },
  'journey.recognition.reaction-added': {
    1: {
      valid: [{ ...reaction, kind: 'cheer' }, { ...reaction, kind: 'comment', comment: 'So deserved!' }],
      invalid: [
        { why: 'comment without text', data: { ...reaction, kind: 'comment' } },
        { why: 'comment over 280 characters', data: { ...reaction, kind: 'comment', comment: 'x'.repeat(281) } },
        { why: 'cheer with a comment', data: { ...reaction, kind: 'cheer', comment: 'Yay' } },
        { why: 'unknown reaction', data: { ...reaction, kind: 'like' } },
      ],
    },
  },
  'organisation.company-value.added': {
    1: {
      valid: [{ valueId: 'customer-obsession', name: 'Customer obsession' }],
      invalid: [
        { why: 'value id with spaces', data: { valueId: 'customer obsession', name: 'Customer obsession' } },
        { why: 'empty name', data: { valueId: 'ownership', name: '' } },
      ],
    },
  },
  'organisation.company-value.renamed': {
    1: {
      valid: [{ valueId: 'ownership', from: 'Ownership', to: 'Own it' }],
      invalid: [{ why: 'no new name', data: { valueId: 'ownership', from: 'Ownership' } }],
    },
  },
  'organisation.company-value.retired': {
    1: {
      valid: [{ valueId: 'ownership' }],
      invalid: [{ why: 'no value id', data: {} }],
    },
  },
  'organisation.recognition-allowance.set': {
    1: {
      valid: [{ from: 100, to: 150 }, { from: 100, to: 0 }],
      invalid: [
        { why: 'fractional allowance', data: { from: 100, to: 12.5 } },
        { why: 'negative allowance', data: { from: 100, to: -10 } },
      ],
    },
  },
  'organisation.recognition-withdraw-window.set': {
    1: {
      valid: [{ fromHours: 24, toHours: 48 }, { fromHours: 24, toHours: 0 }],
      invalid: [{ why: 'over 30 days', data: { fromHours: 24, toHours: 721 } }],
    },
  },
};

/** Invalid only by rules JSON Schema cannot express (checked by zod alone). */
export const zodOnlyInvalid: Record<string, Record<string, unknown>> = {
  'journey.recognition.given': { ...given, funding: { month: '2025-03', allowance: 15, boost: 4 } },
  'organisation.company-value.renamed': { valueId: 'ownership', from: 'Ownership', to: 'Ownership' },
  'organisation.recognition-allowance.set': { from: 100, to: 100 },
  'organisation.recognition-withdraw-window.set': { fromHours: 24, toHours: 24 },
};
