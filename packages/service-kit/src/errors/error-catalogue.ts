// The one catalogue of error codes every service answers with. A code is a
// stable contract with clients (they branch on `code`, never on `title` or
// `detail`), so entries are only ever added, never renamed or re-purposed.
// Style follows Fastify's lib/errors.js: code -> status + human title.

export interface ErrorDefinition {
  /** HTTP status the error maps to. */
  readonly status: number;
  /** Short, human-readable summary; the same for every occurrence (RFC 9457 `title`). */
  readonly title: string;
  /** RFC 9457 `type` URI; derived from the code when omitted. */
  readonly type?: string;
}

export interface CatalogueEntry {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly type: string;
}

// Codes are SCREAMING_SNAKE with a product prefix, so they cannot collide
// with Fastify's FST_ERR_* codes or Node's ERR_* codes.
const CODE_PATTERN = /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/;

/** `EJP_STAGE_MISMATCH` -> `urn:ejp:problem:stage-mismatch`. Not dereferenceable on purpose: clients must not fetch it. */
export function problemTypeFor(code: string): string {
  const slug = code.replace(/^EJP_/, '').toLowerCase().replaceAll('_', '-');
  return `urn:ejp:problem:${slug}`;
}

const entries = new Map<string, CatalogueEntry>();

function register(code: string, definition: ErrorDefinition): CatalogueEntry {
  if (!CODE_PATTERN.test(code)) {
    throw new Error(`error code "${code}" must look like EJP_SOMETHING (upper case, underscores)`);
  }
  if (!Number.isInteger(definition.status) || definition.status < 400 || definition.status > 599) {
    throw new Error(`error code ${code}: status ${definition.status} is not an HTTP error status (400-599)`);
  }
  const entry: CatalogueEntry = {
    code,
    status: definition.status,
    title: definition.title,
    type: definition.type ?? problemTypeFor(code),
  };
  const existing = entries.get(code);
  if (existing) {
    // Re-registering the same definition is harmless (a module evaluated twice
    // in tests); a different one would silently change a public contract.
    if (existing.status !== entry.status || existing.title !== entry.title || existing.type !== entry.type) {
      throw new Error(`error code ${code} is already defined with a different status, title or type`);
    }
    return existing;
  }
  entries.set(code, entry);
  return entry;
}

/**
 * Adds codes to the catalogue and returns a map of code constants, so a
 * service can `throw new AppError(MyErrors.EJP_STAGE_MISMATCH, '...')` with
 * the code checked by the compiler. Codes are global to the process: in the
 * standalone deployment every service shares one catalogue.
 */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(
  definitions: T,
): { readonly [K in keyof T]: K } {
  const codes: Record<string, string> = {};
  for (const [code, definition] of Object.entries(definitions)) {
    register(code, definition);
    codes[code] = code;
  }
  return codes as { readonly [K in keyof T]: K };
}

/** The catalogue entry for a code, or undefined when nobody defined it. */
export function lookupError(code: string): CatalogueEntry | undefined {
  return entries.get(code);
}

/** Every defined code, for documentation and tests. */
export function listErrors(): CatalogueEntry[] {
  return [...entries.values()];
}

/** Codes the kit itself answers with; services add their own with `defineErrors`. */
export const ErrorCodes = defineErrors({
  EJP_VALIDATION: { status: 400, title: 'Request validation failed' },
  EJP_BAD_REQUEST: { status: 400, title: 'Malformed request' },
  EJP_UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  EJP_FORBIDDEN: { status: 403, title: 'Not allowed' },
  EJP_NOT_FOUND: { status: 404, title: 'Resource not found' },
  EJP_ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  EJP_CONFLICT: { status: 409, title: 'Conflict with the current state' },
  EJP_PRECONDITION_FAILED: { status: 412, title: 'Precondition failed' },
  EJP_REQUEST_TIMEOUT: { status: 408, title: 'Request not received in time' },
  EJP_PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large' },
  EJP_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  EJP_URI_TOO_LONG: { status: 414, title: 'Request URI too long' },
  EJP_RATE_LIMITED: { status: 429, title: 'Too many requests' },
  EJP_HEADERS_TOO_LARGE: { status: 431, title: 'Request headers too large' },
  EJP_INTERNAL: { status: 500, title: 'Internal server error' },
  EJP_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
});

export type BuiltInErrorCode = keyof typeof ErrorCodes;
/** A built-in code (auto-completed) or one a service added with `defineErrors`. */
export type ErrorCode = BuiltInErrorCode | (string & {});
