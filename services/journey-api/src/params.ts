import { journeyStatusSchema } from '@ejp/contracts/read-models';
import type { Query, ReadStore } from '@ejp/readstore';
import { problemResponse } from '@ejp/service-kit';
import { z } from 'zod';

export { EmployeeParams as employeeParams } from '@ejp/service-kit';

export const minRevisionQuery = z.coerce
  .number()
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .optional()
  .describe(
    'Read-your-writes: the stream revision a command answered with. The request waits (bounded by READ_WAIT_TIMEOUT_MS) until the read model has applied it, else answers 503 EJP_PROJECTION_BEHIND with Retry-After.',
  );

/** Error responses every journey route can give besides the kit's 400/401/403/500. */
export const journeyProblems = {
  404: problemResponse('No journey is known for this employee'),
  503: problemResponse('EJP_PROJECTION_BEHIND: the read model has not reached minRevision yet; retry after Retry-After seconds'),
};

/** Both routes answer with the revision the status has applied: what a client compares with its command's revision. */
export const projectedRevision = journeyStatusSchema.shape.lastAppliedRevision.describe('The last revision of this journey the read model has applied.');

/** A `true`/`false` query parameter (anything else is a 400 naming it). */
export function booleanQuery(description: string) {
  return z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe(description);
}

/** Months from `from` to `to` (`YYYY-MM`), both included: what an analytics period spans. */
export const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1;

/** Every document a query selects, page after page (analytics read whole periods). */
export async function allDocuments<T>(readStore: ReadStore, collection: string, query: Omit<Query, 'cursor' | 'limit'>): Promise<T[]> {
  const docs: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await readStore.query<T>(collection, { ...query, limit: 1000, ...(cursor ? { cursor } : {}) });
    docs.push(...page.items.map((i) => i.doc));
    cursor = page.nextCursor;
  } while (cursor);
  return docs;
}
