import { describe, expect, it } from 'vitest';
import { initialCatalogue, itemFacts } from '../../src/domain/catalogue.ts';

// Found by the fuzzer: POST /servicedesk/requests with itemId `__proto__` answered 500.
describe('catalogue lookups by id', () => {
  it('know no item named like what every object inherits', () => {
    for (const id of ['__proto__', 'constructor', 'toString']) expect(itemFacts(initialCatalogue(), id)).toBeUndefined();
  });
});
