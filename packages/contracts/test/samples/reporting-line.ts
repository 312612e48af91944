// Valid and invalid payloads of the reporting-line events (see onboarding.ts for the conventions).
import type { SamplesByType } from '../event-modules.ts';

const managerId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const previousManagerId = '6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a';

export const samples: SamplesByType = {
  'journey.employee.manager-changed': {
    1: {
      valid: [{ managerId, previousManagerId }, { managerId, previousManagerId: null }, { managerId: null, previousManagerId }],
      invalid: [
        { why: 'the same manager again', data: { managerId, previousManagerId: managerId } },
        { why: 'not a uuid', data: { managerId: 'someone', previousManagerId } },
        { why: 'no previous manager field', data: { managerId } },
      ],
    },
  },
};
