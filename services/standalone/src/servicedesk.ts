import type { ShreddingEventStore } from '@ejp/eventstore';
import type { Logger, ResourceStack, ServiceApp } from '@ejp/service-kit';
import { createRequestHandler, createSlaWatcher, registerServicedeskRoutes } from '@ejp/servicedesk';

export interface ServicedeskMountOptions {
  store: ShreddingEventStore;
  organisationId: string;
  logger: Logger;
  resources: Pick<ResourceStack, 'add'>;
  clock?: () => Date;
}

/**
 * The service desk in the one process: its routes on the shared
 * crypto-shredding store, and its SLA watcher (breaches, policy changes) on
 * the real clock, stopped before the store closes.
 */
export async function mountServicedesk(app: ServiceApp, options: ServicedeskMountOptions): Promise<void> {
  const { store, organisationId, logger } = options;
  const handler = createRequestHandler(store);
  registerServicedeskRoutes(app, { store, organisationId, handler, ...(options.clock ? { clock: options.clock } : {}) });
  const watcher = createSlaWatcher({ store, handler, organisationId, logger });
  await watcher.start();
  options.resources.add('sla-watcher', () => watcher.stop());
}
