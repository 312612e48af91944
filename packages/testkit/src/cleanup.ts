import { afterAll, onTestFinished } from 'vitest';

/**
 * Runs `cleanup` when the resource's owner is done: after the current test
 * when called inside one, else after the file. (vitest silently ignores an
 * `afterAll` registered inside a test, which leaked test databases.)
 */
export function registerCleanup(cleanup: () => Promise<void>): void {
  try {
    onTestFinished(cleanup);
  } catch {
    afterAll(cleanup, 120_000);
  }
}
