import { afterAll, beforeAll } from 'vitest';

/**
 * One subject (a store, a client) opened before a suite's tests and closed
 * after them, for contract suites whose tests share it. Call inside a
 * `describe`; read `.current` only inside tests.
 */
export function sharedSubject<T extends { close(): Promise<void> }>(label: string, factory: () => Promise<T>): { readonly current: T } {
  let subject: T | undefined;
  beforeAll(async () => {
    subject = await factory();
  }, 60_000);
  afterAll(async () => {
    await subject?.close();
  });
  return {
    get current(): T {
      if (!subject) throw new Error(`the ${label} factory has not run (or failed)`);
      return subject;
    },
  };
}
