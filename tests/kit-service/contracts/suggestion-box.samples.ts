// Valid and invalid payloads per event type and version (the shape of
// packages/contracts' onboarding samples). Each invalid payload breaks one rule.

export interface Samples {
  valid: Record<string, unknown>[];
  invalid: { why: string; data: Record<string, unknown> }[];
}

const boxId = '3f2b1c0d-9e8f-4a7b-b6c5-d4e3f2a1b0c9';
const suggestionId = '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d';

export const samples: Record<string, Record<number, Samples>> = {
  'test.box.opened': {
    1: {
      valid: [{ boxId, title: 'Office', ownerId: 'manager-1', responseDays: 14 }],
      invalid: [
        { why: 'box id not a uuid', data: { boxId: 'office', title: 'Office', ownerId: 'manager-1', responseDays: 14 } },
        { why: 'no response days', data: { boxId, title: 'Office', ownerId: 'manager-1', responseDays: 0 } },
        { why: 'an unknown field', data: { boxId, title: 'Office', ownerId: 'manager-1', responseDays: 14, anonymous: true } },
      ],
    },
  },
  'test.box.suggestion-dropped': {
    1: {
      valid: [{ suggestionId, text: 'A second coffee machine', answerDueBy: '2025-03-17' }],
      invalid: [
        { why: 'empty text', data: { suggestionId, text: '', answerDueBy: '2025-03-17' } },
        { why: 'no such day', data: { suggestionId, text: 'More plants', answerDueBy: '2025-02-30' } },
      ],
    },
  },
  'test.box.suggestion-answered': {
    1: {
      valid: [
        { suggestionId, answer: 'Ordered.', late: false },
        { suggestionId, answer: 'Sorry for the wait: ordered.', late: true },
      ],
      invalid: [{ why: 'late missing', data: { suggestionId, answer: 'Ordered.' } }],
    },
  },
  'test.box.closed': {
    1: { valid: [{}], invalid: [{ why: 'an unknown field', data: { reason: 'done' } }] },
  },
};
