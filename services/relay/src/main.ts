// The relay's entry point: `node services/relay/src/main.ts` (config from the environment, see config.ts).
import { main, runService } from '@ejp/service-kit';
import { relayConfigSchema } from './config.ts';
import { buildRelayApp } from './relay-app.ts';

main(() => runService({ name: 'relay', configSchema: relayConfigSchema, build: buildRelayApp }));
