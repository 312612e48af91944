import { managerChanges } from '@ejp/contracts/read-models';
import type { ServiceApp } from '@ejp/service-kit';
import { signDevToken } from '@ejp/service-kit';
import type { StandaloneConfig } from '../config.ts';
import { DEMO_SEED, type DemoEmployee, demoCompany } from './company.ts';
import { addDays, type DemoActor, demoCommands } from './script.ts';
import { DEMO_SURVEY_ID } from './feedback.ts';
import type { SimulatedCaller } from './simulated-caller.ts';
import type { SimulatedClock } from './simulated-clock.ts';

export interface DemoSummary {
  employees: DemoEmployee[];
  /** The simulated "today" of the seeding: fixed at the first run, found again from the data on later runs. */
  anchorDate: string;
  commands: number;
  /** Events this run appended: 0 when the demo was seeded before. */
  newEvents: number;
  /** The last revision of each employee's stream, by employee id. */
  revisions: Map<string, number>;
  /** The last revision of the organisation's settings stream (company values). */
  organisationRevision: number;
  /** The last revision of each stream of its own a command appended to (service-desk requests and catalogue, a mentoring round, an opening), by stream name. */
  otherRevisions: Map<string, number>;
  /** Events this run appended to feedback streams (the survey, one per response, the suggestions). */
  feedbackEvents: number;
}

export interface SeedOptions {
  config: StandaloneConfig;
  clock: SimulatedClock;
  /** Whom each command acts as under AUTH_MODE=off (the app must be built with it as `actingUser`). */
  caller: SimulatedCaller;
  seed?: number;
  /** The anchor date on a first run (default: today). */
  today?: Date;
  /** How long to wait for the projection to show every seeded employee (ms). */
  projectionTimeoutMs?: number;
}

type AuthHeaders = (actor: DemoActor) => Promise<Record<string, string>>;

const MANAGER_CHANGE_TYPES = new Set(managerChanges.map((change) => change.type));

/**
 * Seeds the demo company through the public HTTP routes (app.inject: the same
 * validation, auth, command handler and encryption as any client), one
 * command at a time at its simulated instant. Idempotent: every command has
 * an Idempotency-Key, so a second run is answered from the first one's
 * events and appends nothing. The dates are anchored on the day of the first
 * run, recovered from the CEO's start date later, so every later run sends
 * byte-identical commands. Resolves once the read models show every seeded
 * employee, so the URLs printed next already answer.
 */
export async function seedDemo(app: ServiceApp, options: SeedOptions): Promise<DemoSummary> {
  const company = demoCompany(options.seed ?? DEMO_SEED);
  const auth = demoAuth(options.config);
  const hr: DemoActor = { subject: 'demo-seed', roles: ['hr'] };

  const before = new Map<string, { revision: number; startDate: string }>();
  for (const employee of company) {
    const response = await app.inject({ method: 'GET', url: `/employees/${employee.employeeId}/onboarding`, headers: await auth(hr) });
    if (response.statusCode === 404) continue;
    const state = expectOk(response, 'GET onboarding state') as { revision: string; startDate: string };
    before.set(employee.employeeId, { revision: Number(state.revision), startDate: state.startDate });
  }
  const settings = expectOk(await app.inject({ method: 'GET', url: '/organisation/settings', headers: await auth(hr) }), 'GET organisation settings') as {
    revision: string | null;
  };
  const organisationBefore = settings.revision === null ? -1 : Number(settings.revision);
  // The CEO's hire is the oldest command, so it is stored whenever anything of the demo is.
  const ceo = before.get(company[0]!.employeeId);
  const anchorDate = ceo ? addDays(ceo.startDate, -company[0]!.startOffsetDays) : (options.today ?? new Date()).toISOString().slice(0, 10);

  // The feedback story runs once: after the survey's close its secret is gone, so its commands cannot be
  // replayed, and a replayed suggestion would count its events again.
  const surveyed = (await app.inject({ method: 'GET', url: `/surveys/${DEMO_SURVEY_ID}/min-group-size-changes`, headers: await auth(hr) })).statusCode === 200;
  const script = demoCommands(company, anchorDate);
  const commands = script.filter((command) => !(surveyed && command.appendsTo === 'feedback'));
  const respondents = new Set(script.filter((command) => command.url.endsWith('/responses')).map((command) => command.employee.employeeId));
  const otherBefore = new Map<string, number>();
  for (const { ownStream } of commands) {
    if (!ownStream || otherBefore.has(ownStream.name)) continue;
    const response = await app.inject({ method: 'GET', url: ownStream.revisionUrl, headers: await auth(hr) });
    const revision = response.statusCode === 404 ? null : (expectOk(response, `GET ${ownStream.revisionUrl}`) as { revision: string | null }).revision;
    otherBefore.set(ownStream.name, revision === null ? -1 : Number(revision));
  }
  const otherRevisions = new Map(otherBefore);
  const revisions = new Map<string, number>();
  let organisationRevision = organisationBefore;
  let feedbackEvents = 0;
  for (const command of commands) {
    const headers = { ...(await auth(command.actor)), 'idempotency-key': command.key };
    const response = await options.clock.at(command.at, () =>
      options.caller.as(command.actor, () => app.inject({ method: command.method, url: command.url, headers, ...(command.body ? { payload: command.body } : {}) })),
    );
    // A later run re-sends the first run's commands, but access is decided by today's reporting lines: the
    // manager of someone who has since moved (the demo's transfer) no longer reaches them, so their old
    // commands, already stored, are refused before the replay. Only for employees stored before this run.
    if (response.statusCode === 403 && before.has(command.employee.employeeId) && command.actor.roles.includes('manager')) continue;
    const result = expectOk(response, `${command.method} ${command.url} (${command.key})`) as { revision: string; events: { type: string }[] };
    if (command.appendsTo === 'organisation') organisationRevision = Number(result.revision);
    else if (command.ownStream) otherRevisions.set(command.ownStream.name, Number(result.revision));
    else if (command.appendsTo === 'feedback') feedbackEvents += result.events.length;
    else revisions.set(command.employee.employeeId, Number(result.revision));
    // The manager's next command is checked against the reporting lines, a read model: let it catch up first.
    if (result.events.some((event) => MANAGER_CHANGE_TYPES.has(event.type))) {
      await waitForProjection(app, new Map([[command.employee.employeeId, Number(result.revision)]]), await auth(hr), options.projectionTimeoutMs ?? 30_000);
    }
  }

  if (respondents.size > 0) await awaitSurveyCompletion(app, respondents, revisions, await auth(hr));
  let newEvents = organisationRevision - organisationBefore + feedbackEvents;
  for (const [employeeId, revision] of revisions) newEvents += revision - (before.get(employeeId)?.revision ?? -1);
  for (const [stream, revision] of otherRevisions) newEvents += revision - otherBefore.get(stream)!;
  await waitForProjection(app, revisions, await auth(hr), options.projectionTimeoutMs ?? 30_000);
  return { employees: company, anchorDate, commands: commands.length, newEvents, revisions, organisationRevision, otherRevisions, feedbackEvents };
}

/**
 * The closed survey's round completes in the background (completion markers on
 * the respondents' journeys, then the secret destroyed): wait for it, then
 * take the respondents' journey revisions again, markers included.
 */
async function awaitSurveyCompletion(app: ServiceApp, respondents: ReadonlySet<string>, revisions: Map<string, number>, headers: Record<string, string>) {
  const deadline = Date.now() + 30_000;
  while (!(expectOk(await app.inject({ method: 'GET', url: `/surveys/${DEMO_SURVEY_ID}`, headers }), 'GET the demo survey') as { completed: boolean }).completed) {
    if (Date.now() > deadline) throw new Error('demo seeding: the survey round did not complete within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const employeeId of respondents) {
    const state = expectOk(await app.inject({ method: 'GET', url: `/employees/${employeeId}/onboarding`, headers }), 'GET onboarding state') as { revision: string };
    revisions.set(employeeId, Number(state.revision));
  }
}

/** Reads each employee's journey with minRevision until the projection has caught up with the seeding. */
async function waitForProjection(app: ServiceApp, revisions: Map<string, number>, headers: Record<string, string>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (const [employeeId, revision] of revisions) {
    for (;;) {
      const response = await app.inject({ method: 'GET', url: `/employees/${employeeId}/journey?minRevision=${revision}`, headers });
      if (response.statusCode === 200) break;
      // 503: the journey API's own wait (READ_WAIT_TIMEOUT_MS) ran out first; ask again.
      if (response.statusCode !== 503 || Date.now() > deadline) expectOk(response, `GET journey of ${employeeId} at revision ${revision}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function expectOk(response: { statusCode: number; body: string }, what: string): unknown {
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new Error(`demo seeding: ${what} answered ${response.statusCode}: ${response.body}`);
  }
  return JSON.parse(response.body);
}

/**
 * Seeding goes through the routes, so it must authenticate like a client:
 * nothing under AUTH_MODE=off (every caller is the dev user), its own HS256
 * tokens (one per actor, so events name the manager, HR or IT bot who acted)
 * under hs256. Under jwks only the identity provider can issue tokens.
 */
function demoAuth(config: StandaloneConfig): AuthHeaders {
  if (config.AUTH_MODE === 'off') return async () => ({});
  if (config.AUTH_MODE === 'jwks') {
    throw new Error('--demo seeds through the HTTP routes and must sign its own tokens: run it with AUTH_MODE=off or AUTH_MODE=hs256');
  }
  const tokens = new Map<string, Promise<string>>();
  return async (actor) => {
    const id = `${actor.subject}/${actor.roles.join(',')}/${actor.scope ?? ''}`;
    let token = tokens.get(id);
    if (!token) {
      token = signDevToken({
        secret: config.AUTH_HS256_SECRET!,
        subject: actor.subject,
        roles: actor.roles,
        ...(actor.scope ? { scope: actor.scope } : {}),
        ...(config.AUTH_ISSUER ? { issuer: config.AUTH_ISSUER } : {}),
        ...(config.AUTH_AUDIENCE ? { audience: config.AUTH_AUDIENCE } : {}),
      });
      tokens.set(id, token);
    }
    return { authorization: `Bearer ${await token}` };
  };
}
