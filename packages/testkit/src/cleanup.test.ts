import { afterAll, describe, expect, it } from 'vitest';
import { registerCleanup } from './cleanup.ts';

const cleaned: string[] = [];
registerCleanup(async () => {
  cleaned.push('file');
});

describe('registerCleanup', () => {
  it('cleans up after the test it was called in', () => {
    registerCleanup(async () => {
      cleaned.push('test');
    });
    expect(cleaned).toEqual([]);
  });

  it('ran the in-test cleanup once that test finished', () => {
    expect(cleaned).toEqual(['test']);
  });
});

afterAll(() => {
  // Registered first, so it runs after this hook (afterAll hooks run in reverse order).
  expect(cleaned).toEqual(['test']);
});
