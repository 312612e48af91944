// The OpenAPI document of the standalone process (every service's routes in
// one app), built the way `npm start` builds it but without listening.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, loadConfig, ResourceStack } from '@ejp/service-kit';
import { buildStandaloneApp, standaloneConfigSchema } from '@ejp/standalone';

export async function standaloneOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ejp-openapi-'));
  const config = loadConfig(standaloneConfigSchema, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const logger = createLogger({ name: 'openapi-document', level: 'silent' });
  const resources = new ResourceStack();
  try {
    const { app } = await buildStandaloneApp({ config, logger, resources });
    resources.add('app', () => app.close());
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await resources.closeAll(logger);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
