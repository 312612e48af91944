import type { Session } from './session.ts';

/** An RFC 9457 problem from the API, kept whole so the page can name the field at fault. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: { title?: string; detail?: string; errors?: { path: string; message: string }[] };
  constructor(status: number, problem: ApiProblem['problem']) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export type Api = <T>(path: string, init?: { method?: string; body?: unknown }) => Promise<T>;

/** Calls the HTTP API on this origin as the session's person. */
export function apiFor(session: Session | null): Api {
  return async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (session?.kind === 'persona') headers['x-ejp-act-as'] = session.employeeId;
    if (session?.kind === 'token') headers.authorization = `Bearer ${session.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new ApiProblem(response.status, body ?? {});
    return body as T;
  };
}
