// The relay service as a library: the standalone process and tests build it without main.ts.
export { type RelayBackend, openRelayBackend } from './backend.ts';
export { type RelayConfig, relayConfigSchema } from './config.ts';
export { buildRelayApp } from './relay-app.ts';
