import type { ErrorCode } from './error-catalogue.ts';

export interface AppErrorOptions {
  /** The underlying error; logged, never sent to the client. */
  cause?: unknown;
  /** Extra RFC 9457 extension members for the problem body (e.g. `{ currentStage: 'alumni' }`). */
  extensions?: Record<string, unknown>;
  /** Response headers that belong to this error (e.g. `WWW-Authenticate`, `Retry-After`). */
  headers?: Record<string, string>;
}

/**
 * The one error type services throw for expected failures. It carries a
 * catalogue code, not an HTTP status: domain code says *what* went wrong and
 * the error handler alone decides how that looks on the wire.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Human-readable explanation of this occurrence; sent as RFC 9457 `detail`. */
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, detail?: string, options: AppErrorOptions = {}) {
    super(detail ? `${code}: ${detail}` : code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
