import type { StreamRevision } from '@ejp/eventstore';
import { z } from 'zod';

/**
 * The headers and the body every command route shares: Idempotency-Key,
 * If-Match (a stream revision as a strong ETag) and the command result.
 */

// A whole-header pattern, so a malformed If-Match is a 400 naming `headers.if-match`.
const ETAG_LIST = /^\s*(\*|"\d+"(\s*,\s*"\d+")*)\s*$/;

export const CommandHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional()
    .describe('Makes the command safe to retry: a retry with the same key (and body) returns the first response and changes nothing.'),
  'if-match': z
    .string()
    .regex(ETAG_LIST, 'one or more strong entity tags such as "3", or *')
    .optional()
    .describe('Optimistic concurrency: the ETag (revision) the caller last saw; 412 when the stream changed since.'),
});

export const RevisionString = z
  .string()
  .regex(/^\d+$/)
  .describe("The stream revision (64-bit, as a decimal string); the response's ETag is this value in quotes.");

/** The body of every command response: what it recorded, after the service's own fields (e.g. `employeeId`). */
export function commandResultSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object({
      ...shape,
      revision: RevisionString,
      events: z
        .array(z.object({ id: z.uuid(), type: z.string(), revision: RevisionString }))
        .describe('The events this command appended (empty when it changed nothing).'),
    })
    .describe('What the command recorded.');
}

export function etagOf(revision: StreamRevision): string {
  return `"${revision}"`;
}

/** `*` → the stream must exist; `"3", "4"` → one of these revisions. The schema already checked the syntax. */
export function parseIfMatch(header: string | undefined): 'exists' | StreamRevision[] | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return 'exists';
  return [...header.matchAll(/"(\d+)"/g)].map((match) => BigInt(match[1]!));
}
