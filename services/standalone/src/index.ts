// Public API of @ejp/standalone: every service in one process on embedded
// storage (`npm start`), its configuration schema and the demo company.
export { buildStandaloneApp, type BuildOptions, SERVICE_NAME, type StandaloneApp } from './app.ts';
export { type StandaloneConfig, standaloneConfigSchema } from './config.ts';
export { COMPANY_NAME, DEMO_SEED, type DemoEmployee, type DemoStage, demoCompany } from './demo/company.ts';
export { type DemoCommand, demoCommands } from './demo/script.ts';
export { type DemoSummary, seedDemo, type SeedOptions } from './demo/seed.ts';
export { SimulatedClock } from './demo/simulated-clock.ts';
export { type RunningStandalone, type StandaloneOptions, startStandalone } from './main.ts';
export { EVENTS_FILE, openStandaloneStorage, READ_MODELS_FILE, type StandaloneStorage } from './storage.ts';
