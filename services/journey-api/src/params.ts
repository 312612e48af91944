import { journeyStatusSchema } from '@ejp/contracts/read-models';
import { InvalidCursorError, type Page, type Query, type ReadStore } from '@ejp/readstore';
import { AppError, ErrorCodes, problemResponse } from '@ejp/service-kit';
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

/** The `cursor` parameter of every paged list. */
export const cursorQuery = z.string().min(1).max(2000).optional().describe('`nextCursor` of the previous page; send the same filters with it.');
/** The `nextCursor` field of every page. */
export const nextCursorField = z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.');

/** One page of a read model, a cursor it did not issue answered as a 400 naming what the cursor is for. */
export async function queryPage<T>(readStore: ReadStore, collection: string, query: Query, what: string): Promise<Page<T>> {
  try {
    return await readStore.query<T>(collection, query);
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new AppError(ErrorCodes.EJP_BAD_REQUEST, `The cursor is not one this ${what} issued; start again without it.`, { cause: error });
    throw error;
  }
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
