import { type AuthenticatedUser, isRole, type Role } from './token-verifier.ts';

/**
 * Who may call a route, declared once in its route table row
 * (`config.access` on a query route, `access` on a command row) and checked
 * by the kit before the body is read or anything is looked up. Each entry
 * grants on its own; a caller needs one of them:
 *
 * - `roles`: these roles reach every subject of the route (hr: everyone;
 *   admin: the organisation's settings). Never `employee` or `manager` on a
 *   route about one person: that is what the relations are for.
 * - `self: 'employeeId'`: the person named by that path parameter, acting
 *   for themselves (the token's subject is their employee id).
 * - `managerOf: 'employeeId'`: a caller with the manager role in that
 *   person's reporting line: their direct manager, or up to
 *   ACCESS_MANAGER_DEPTH levels above when skip-level access is configured.
 * - `buddyOf: 'employeeId'`: the person's onboarding buddy or mentor.
 * - `agentOf: 'teamId'`: an agent of the service team that path parameter
 *   names (the service desk's queues), as the teams read model lists them.
 * - `scope: 'tasks'`: a service account (role `service`) whose token's
 *   `scope` claim holds `tasks` or a qualified `tasks:<x>`; what the
 *   qualifier admits (a task owner) is for the domain to enforce.
 */
export interface AccessPolicy {
  roles?: readonly Role[];
  self?: string;
  managerOf?: string;
  buddyOf?: string;
  agentOf?: string;
  scope?: string;
}

/** An employee's place in the organisation, as the access read model knows it. */
export interface ReportingLine {
  managerId: string | null;
  buddyId: string | null;
}

/**
 * The port the access check reads relationships through (the reporting-line
 * read model). Unknown employees answer undefined, which grants exactly what
 * an unrelated one does: nothing a relation would have given.
 */
export interface AccessDirectory {
  lineOf(employeeId: string): Promise<ReportingLine | undefined>;
  /** The agents of a service team (none for an unknown team). */
  agentsOf(teamId: string): Promise<readonly string[]>;
}

/** How the caller was admitted; `as` is the actor kind of the events a command causes. */
export interface AccessGrant {
  as: Role;
  via: 'role' | 'self' | 'managerOf' | 'buddyOf' | 'agentOf' | 'scope';
}

export interface AccessSettings {
  directory?: AccessDirectory | undefined;
  /** How many levels above an employee a manager still reaches them (1: direct reports only). */
  managerDepth: number;
}

const RELATIONS = ['self', 'managerOf', 'buddyOf', 'agentOf'] as const;

/** The roles of people, as opposed to service accounts. */
const PERSON_ROLES: readonly Role[] = ['employee', 'manager', 'hr', 'admin'];

/** Registration errors for a policy that could never work as written; `params` are the route's path parameters. */
export function policyProblems(policy: AccessPolicy, params: readonly string[]): string[] {
  const problems: string[] = [];
  const unknown = (policy.roles ?? []).filter((role) => !isRole(role));
  if (unknown.length > 0) problems.push(`names unknown roles: ${unknown.join(', ')}`);
  for (const relation of RELATIONS) {
    const param = policy[relation];
    if (param !== undefined && !params.includes(param)) problems.push(`access.${relation} names ':${param}', which is not a path parameter`);
  }
  if (policy.scope !== undefined && !/^[a-z][a-z0-9-]*$/.test(policy.scope)) problems.push(`access.scope '${policy.scope}' is not a scope name`);
  if ((policy.roles ?? []).length === 0 && !RELATIONS.some((r) => policy[r] !== undefined) && policy.scope === undefined) {
    problems.push('access grants nobody');
  }
  return problems;
}

/** The roles a policy can admit at all (for the OpenAPI document and the first, cheap check). */
export function rolesAdmittedBy(policy: AccessPolicy): Role[] {
  const roles = new Set<Role>(policy.roles ?? []);
  // Anyone who is a person may act for themselves (a manager withdraws their own recognition), or as a buddy.
  if (policy.self !== undefined || policy.buddyOf !== undefined || policy.agentOf !== undefined) for (const role of PERSON_ROLES) roles.add(role);
  if (policy.managerOf !== undefined) roles.add('manager');
  if (policy.scope !== undefined) roles.add('service');
  return [...roles];
}

/** One line for the operation's description: who gets in. */
export function describePolicy(policy: AccessPolicy): string {
  const who: string[] = [];
  if (policy.roles?.length) who.push(`the roles ${policy.roles.join(', ')}`);
  if (policy.self) who.push(`the employee themselves (:${policy.self})`);
  if (policy.managerOf) who.push(`a manager in their reporting line (:${policy.managerOf})`);
  if (policy.buddyOf) who.push(`their buddy or mentor (:${policy.buddyOf})`);
  if (policy.agentOf) who.push(`an agent of the service team (:${policy.agentOf})`);
  if (policy.scope) who.push(`service accounts with the scope ${policy.scope} (or ${policy.scope}:<qualifier>)`);
  return `Access: ${who.join('; ')}.`;
}

function holdsScope(user: AuthenticatedUser, scope: string): boolean {
  return user.scopes.some((held) => held === scope || held.startsWith(`${scope}:`));
}

/** Ids compare as the platform stores them: lower-case (an upper-case UUID is the same person). */
const same = (a: string | null | undefined, b: string | null | undefined) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * Whether `managerId` is in the reporting line above `employeeId`, at most
 * `depth` levels up. Stops at a cycle (a misrecorded line never loops).
 */
export async function managesWithin(directory: AccessDirectory, managerId: string, employeeId: string, depth: number): Promise<boolean> {
  const seen = new Set<string>();
  let current = employeeId.toLowerCase();
  for (let level = 0; level < depth && !seen.has(current); level += 1) {
    seen.add(current);
    const line = await directory.lineOf(current);
    if (!line?.managerId) return false;
    if (same(line.managerId, managerId)) return true;
    current = line.managerId.toLowerCase();
  }
  return false;
}

/**
 * The grant a policy gives the caller for these path parameters, or null.
 * Role grants are tried first (no lookup), then the relations. Only the
 * reporting lines are read, never the subject's own records, so the answer
 * for an unknown employee is the answer for an unrelated one.
 */
export async function grantOf(
  user: AuthenticatedUser,
  policy: AccessPolicy,
  params: Readonly<Record<string, string | undefined>>,
  settings: AccessSettings,
): Promise<AccessGrant | null> {
  const role = policy.roles?.find((r) => user.roles.includes(r));
  if (role) return { as: role, via: 'role' };
  if (policy.self !== undefined && same(params[policy.self], user.subject)) {
    // Whatever else they hold, someone acting for themselves acts as an employee.
    return { as: 'employee', via: 'self' };
  }
  if (policy.scope !== undefined && user.roles.includes('service') && holdsScope(user, policy.scope)) return { as: 'service', via: 'scope' };
  const { directory } = settings;
  // Fail closed: without a directory no relation can be shown, so none grants.
  if (!directory) return null;
  const managed = policy.managerOf === undefined ? undefined : params[policy.managerOf];
  if (managed && user.roles.includes('manager') && (await managesWithin(directory, user.subject, managed, settings.managerDepth))) {
    return { as: 'manager', via: 'managerOf' };
  }
  const buddied = policy.buddyOf === undefined ? undefined : params[policy.buddyOf];
  if (buddied && same((await directory.lineOf(buddied.toLowerCase()))?.buddyId, user.subject)) {
    return { as: 'employee', via: 'buddyOf' };
  }
  const team = policy.agentOf === undefined ? undefined : params[policy.agentOf];
  if (team && (await directory.agentsOf(team)).some((agent) => same(agent, user.subject))) {
    return { as: 'employee', via: 'agentOf' };
  }
  return null;
}
