import { type BaseConfig, baseConfigSchema, loadConfig } from '../src/config.ts';
import { type Logger, createLogger } from '../src/logger.ts';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/** Config as a service would load it, with HS256 auth so tests can sign tokens. */
export function testConfig(env: Record<string, string> = {}): BaseConfig {
  return loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: TEST_SECRET, ...env });
}

export interface CapturedLogs {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
}

/** A real pino logger whose JSON lines are kept in memory, so tests can assert on them. */
export function captureLogs(level = 'info'): CapturedLogs {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    name: 'test-service',
    level,
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}
