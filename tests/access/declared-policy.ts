// What the route tables declare, read back from the OpenAPI document (every
// protected operation carries its `x-access`), and what that declaration
// promises for each role and relationship. The matrix test holds the real
// app to these promises.

export const ROLES = ['employee', 'manager', 'hr', 'admin', 'service'] as const;
export type MatrixRole = (typeof ROLES)[number];

/** How the caller stands to the employee the URL names. */
export const RELATIONSHIPS = ['self', 'direct report', 'skip-level report', 'unrelated', 'unknown id'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export interface DeclaredAccess {
  roles?: MatrixRole[];
  self?: string;
  managerOf?: string;
  buddyOf?: string;
  /** A service team's agents: none of the matrix's people is one, so it admits no cell. */
  agentOf?: string;
  scope?: string;
}

export interface Operation {
  method: string;
  /** OpenAPI path, `/employees/{employeeId}/journey`. */
  path: string;
  operationId: string;
  access: DeclaredAccess | undefined;
  public: boolean;
  hasBody: boolean;
}

interface OpenApiOperation {
  operationId: string;
  security?: unknown[];
  requestBody?: unknown;
  'x-access'?: DeclaredAccess;
}

export function operationsOf(document: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operationId: operation.operationId,
      access: operation['x-access'],
      public: Array.isArray(operation.security) && operation.security.length === 0,
      hasBody: operation.requestBody !== undefined,
    })),
  );
}

/** The path parameters that name a person (the ones relations may point at). */
export const PERSON_PARAMS = ['employeeId', 'giverId'] as const;

/** The scope the matrix's service account holds: an IT bot. */
export const SERVICE_SCOPE = 'tasks:it';

/**
 * Whether the declaration admits a caller of `role` standing in
 * `relationship` to the person in the URL (managers reaching `depth` levels).
 * The matrix has no buddies, so buddyOf admits nobody in it.
 */
export function declaredToAdmit(access: DeclaredAccess, role: MatrixRole, relationship: Relationship, depth: number): boolean {
  if (access.roles?.includes(role)) return true;
  if (access.self && role !== 'service' && relationship === 'self') return true;
  if (access.scope && role === 'service' && (SERVICE_SCOPE === access.scope || SERVICE_SCOPE.startsWith(`${access.scope}:`))) return true;
  if (access.managerOf && role === 'manager') return relationship === 'direct report' || (relationship === 'skip-level report' && depth >= 2);
  return false;
}
