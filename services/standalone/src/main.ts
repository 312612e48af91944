import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mountWebApp, webAppConfigOf } from '@ejp/web';
import { main, type ProcessControl, type RunningService, runService } from '@ejp/service-kit';
import { type BuildOptions, buildStandaloneApp, SERVICE_NAME } from './app.ts';
import { AUTH_OFF_OPT_IN, isLoopbackHost, type StandaloneConfig, standaloneConfigSchema } from './config.ts';
import { COMPANY_NAME, type DemoStage, demoCompany } from './demo/company.ts';
import { personaCaller, registerDemoDirectoryRoute } from './demo/personas.ts';
import { type DemoSummary, seedDemo } from './demo/seed.ts';
import { SimulatedCaller } from './demo/simulated-caller.ts';
import { SimulatedClock } from './demo/simulated-clock.ts';

export interface StandaloneOptions {
  /** Command-line arguments (default: the process's); `--demo` seeds the demo company before serving. */
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  /** For tests: a fake process, so shutdown does not exit the test runner. */
  process?: ProcessControl;
  /** Where the human-readable start-up lines go (default: stdout). */
  print?: (line: string) => void;
}

export interface RunningStandalone extends RunningService<StandaloneConfig> {
  /** Where a person on this machine reaches it, e.g. `http://localhost:3000`. */
  baseUrl: string;
  demo: DemoSummary | undefined;
}

const USAGE = 'usage: node services/standalone/src/main.ts [--demo]   (configuration: environment variables, see services/standalone/README.md)';

function parseCommandLine(argv: readonly string[]): { demo: boolean } {
  try {
    const { values } = parseArgs({ args: [...argv], options: { demo: { type: 'boolean', default: false } }, strict: true });
    return { demo: values.demo };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
}

/** Every service in one process on one port, on the SQLite files in DATA_DIR. */
export async function startStandalone(options: StandaloneOptions = {}): Promise<RunningStandalone> {
  const { demo } = parseCommandLine(options.argv ?? process.argv.slice(2));
  const print = options.print ?? ((line: string) => console.log(line));
  const clock = new SimulatedClock();
  const caller = new SimulatedCaller();
  let summary: DemoSummary | undefined;
  let masterKey = { source: '', created: false };

  const running = await runService<StandaloneConfig>({
    name: SERVICE_NAME,
    configSchema: standaloneConfigSchema,
    ...(options.env ? { env: options.env } : {}),
    ...(options.process ? { process: options.process } : {}),
    build: async (context) => {
      const company = demo ? demoCompany() : [];
      const persona = personaCaller(company);
      const actingUser: NonNullable<BuildOptions['actingUser']> = (request) => caller.current() ?? persona(request);
      const { app, storage } = await buildStandaloneApp(context, demo ? { commandClock: clock.now, actingUser } : {});
      masterKey = storage.masterKey;
      mountWebApp(app, webAppConfigOf(context.config, demo));
      if (demo) {
        registerDemoDirectoryRoute(app, company);
        // Before listening: no client request can run while the clock is simulated.
        context.logger.info('demo: seeding the demo company through the onboarding and recognition routes');
        summary = await seedDemo(app, { config: context.config, clock, caller });
        const { commands, newEvents, anchorDate } = summary;
        context.logger.info({ employees: summary.employees.length, commands, newEvents, anchorDate }, 'demo: seeded');
      }
      return app;
    },
  });

  const baseUrl = localUrl(running);
  for (const line of exposureLines(running.config)) print(line);
  print(`Employee Journey Platform (standalone) is running at ${baseUrl}`);
  print(`  web app:            ${baseUrl}/`);
  print(`  API docs (OpenAPI): ${baseUrl}/docs`);
  print(`  data directory:     ${resolve(running.config.DATA_DIR)}`);
  // Said on every start, loudly on the first: without this file no personal field decrypts again.
  print(`  master key:         ${masterKey.source}${masterKey.created ? ' (created now: keep a copy of it, apart from the backups of the databases)' : ''}`);
  if (summary) for (const line of demoLines(summary, baseUrl, running.config)) print(line);
  return { ...running, baseUrl, demo: summary };
}

/** What the operator must know before anyone else can reach the process. */
function exposureLines({ AUTH_MODE, HOST }: StandaloneConfig): string[] {
  if (AUTH_MODE !== 'off') return [];
  if (isLoopbackHost(HOST)) return [`AUTH_MODE=off: no authentication, so it listens on ${HOST} (this machine only).`];
  return [
    `WARNING: AUTH_MODE=off on ${HOST} (${AUTH_OFF_OPT_IN}=true): anyone who can reach this address reads and changes`,
    'every employee\'s data as HR and admin, without a token. Set AUTH_MODE=hs256 or jwks for anything others reach.',
  ];
}

function localUrl(running: RunningService<StandaloneConfig>): string {
  const { port } = running.app.server.address() as AddressInfo;
  const host = running.config.HOST;
  // A wildcard address is not something to type into a browser.
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

function demoLines(summary: DemoSummary, baseUrl: string, config: StandaloneConfig): string[] {
  const fresh = summary.newEvents > 0 ? `${summary.newEvents} new events` : 'already seeded, nothing new';
  const lines = [`Demo company ${COMPANY_NAME}: ${summary.employees.length} employees, ${summary.commands} commands (${fresh}). Try:`];
  const examples: [DemoStage, string][] = [
    ['onboarding', 'someone onboarding'],
    ['pre-boarding', 'a new hire before day one'],
    ['extended-probation', 'an extended probation'],
    ['in-role', 'someone in role'],
  ];
  for (const [stage, what] of examples) {
    const employee = summary.employees.find((e) => e.stage === stage && e.index > 7);
    if (!employee) continue;
    const url = `${baseUrl}/employees/${employee.employeeId}`;
    lines.push(`  ${what} (${employee.role}, ${employee.department}):`, `    ${url}/timeline`, `    ${url}/journey`);
  }
  lines.push('  the company values recognitions are given for, and who set them:', `    ${baseUrl}/organisation/settings`);
  if (config.AUTH_MODE !== 'off') lines.push(`  (AUTH_MODE=${config.AUTH_MODE}: send a bearer token with the hr role)`);
  return lines;
}

if (import.meta.main) main(() => startStandalone());
