import { describe, expect, it } from 'vitest';
import { PERSONAL_FIELDS } from './events/onboarding.ts';
import { personalDataPathsOf } from './personal-data.ts';
import { EmployeeHired } from './events/onboarding.ts';
import { PERSONAL_FIELD_SETS, personalFieldsGranted } from './personal-details.ts';

describe('personal field sets', () => {
  it('name only fields the hire marks personal, and every such field is requestable', () => {
    expect(personalDataPathsOf(EmployeeHired.schema).sort()).toEqual(PERSONAL_FIELDS.map((f) => `$.${f}`).sort());
    for (const fields of Object.values(PERSONAL_FIELD_SETS)) for (const field of fields) expect(PERSONAL_FIELDS).toContain(field);
  });

  it('grant the union of the sets the scopes name, and nothing for other or bare scopes', () => {
    expect(personalFieldsGranted(['personal-data:contact'])).toEqual(['givenName', 'familyName', 'email']);
    expect(personalFieldsGranted(['tasks:it', 'personal-data:name'])).toEqual(['givenName', 'familyName']);
    expect(personalFieldsGranted(['personal-data', 'personal-data:salary', 'personal-data:toString', 'tasks:it'])).toEqual([]);
  });
});
