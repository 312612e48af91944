/**
 * What a service account's scope names among plan tasks (onboarding and
 * offboarding alike): `tasks` every task, `tasks:<owner>` the tasks of that
 * owner (an IT bot holds `tasks:it`). The routes admit any `tasks` scope;
 * the deciders narrow it to the owner, with these words.
 */
export const TASK_SCOPE = 'tasks';

export function taskScopeAdmits(scopes: readonly string[] | undefined, owner: string | undefined): boolean {
  return (scopes ?? []).some((scope) => scope === TASK_SCOPE || (owner !== undefined && scope === `${TASK_SCOPE}:${owner}`));
}
