import { EmployeeHired, PERSONAL_FIELDS, type PersonalField } from './events/onboarding.ts';
import { personalDataPathsOf } from './personal-data.ts';

/**
 * Personal details on request: which fields a service account's scope
 * reaches. The scope is `personal-data:<set>`; the sets are declared once
 * here, and each may name only what the hire marks `personal(...)`
 * (anything else is in every event already, unencrypted).
 */

/** The scope a service account's token holds, qualified by a field set: `personal-data:contact`. */
export const PERSONAL_DATA_SCOPE = 'personal-data';

/** The hire's `personal(...)` top-level fields, read off its schema: what a field set may name. */
const markedPersonal = new Set(personalDataPathsOf(EmployeeHired.schema).map((path) => path.replace(/^\$\./, '')));

function fieldSets<const Sets extends Record<string, readonly PersonalField[]>>(sets: Sets): Sets {
  for (const [name, fields] of Object.entries(sets)) {
    const unmarked = fields.filter((field) => !markedPersonal.has(field));
    if (unmarked.length > 0) throw new Error(`personal field set ${name} names fields the hire does not mark personal: ${unmarked.join(', ')}`);
  }
  return sets;
}

/** `personal-data:contact`: the names and the email; `personal-data:name`: the names only. */
export const PERSONAL_FIELD_SETS = fieldSets({
  contact: ['givenName', 'familyName', 'email'],
  name: ['givenName', 'familyName'],
});

export type PersonalFieldSet = keyof typeof PERSONAL_FIELD_SETS;

/** The fields a token's scopes grant: the union of the sets its `personal-data:<set>` scopes name, in a stable order. */
export function personalFieldsGranted(scopes: readonly string[]): PersonalField[] {
  const granted = new Set<PersonalField>();
  for (const scope of scopes) {
    const [name, set] = scope.split(':', 2);
    if (name !== PERSONAL_DATA_SCOPE || set === undefined || !Object.hasOwn(PERSONAL_FIELD_SETS, set)) continue;
    for (const field of PERSONAL_FIELD_SETS[set as PersonalFieldSet]) granted.add(field);
  }
  return PERSONAL_FIELDS.filter((field) => granted.has(field));
}
