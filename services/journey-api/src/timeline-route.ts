import { canSee, JOURNEY_STAGES } from '@ejp/contracts';
import { type ReadModelDocument, type TimelineEntry, TimelineIndexReadModel, TimelineReadModel, timelineEntrySchema } from '@ejp/contracts/read-models';
import { type Condition, InvalidCursorError, type JsonObject, type Page, queryByIds, type ReadStore, type StoredDocument } from '@ejp/readstore';
import { AppError, ErrorCodes, type ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { JOURNEY_READERS } from './access.ts';
import { employeeParams, journeyProblems, minRevisionQuery, projectedRevision } from './params.ts';
import { loadStatus } from './read-your-writes.ts';
import type { RouteContext } from './routes.ts';

export const MAX_PAGE_SIZE = 200;

const timelineQuery = z.object({
  cursor: z.string().min(1).max(2000).optional().describe('`nextCursor` of the previous page; send the same filters with it.'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).describe(`Touchpoints per page (1..${MAX_PAGE_SIZE}).`),
  stage: z.enum(JOURNEY_STAGES).optional().describe('Only touchpoints that happened in this stage.'),
  type: z.string().min(1).max(200).optional().describe('Only touchpoints of this event type, e.g. journey.onboarding.task-completed.'),
  chapter: z.coerce.number().int().min(0).max(1_000).optional().describe('Only touchpoints of this chapter of the journey (1 = the first employment, 2 after a rehire).'),
  asOf: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      'The timeline as the platform knew it at this instant: touchpoints RECORDED at or before it (not occurred: a late, back-dated record was not known then, and an answer for a past instant must never change later).',
    ),
  minRevision: minRevisionQuery,
});

const timelinePage = z.object({
  employeeId: employeeParams.shape.employeeId,
  // The page names the employee once; its entries do not repeat it.
  items: z
    .array(timelineEntrySchema.omit({ employeeId: true, withdrawnAt: true }))
    .describe("In journey order (stream revision), oldest first; a recognition only when the reader may see it (its visibility), a withdrawn one never."),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
  projectedRevision,
});

export function registerTimelineRoute(app: ServiceApp, { readStore, wait }: RouteContext): void {
  app.get(
    '/employees/:employeeId/timeline',
    {
      config: { access: JOURNEY_READERS },
      schema: {
        operationId: 'getTimeline',
        summary: "An employee's journey timeline, paginated",
        description:
          'Touchpoints in journey order with a human-readable title, the stage they happened in and their non-personal data. Employees may read only their own timeline. The next page is also linked in a `Link: <...>; rel="next"` header.',
        tags: ['journey'],
        params: employeeParams,
        querystring: timelineQuery,
        response: { 200: timelinePage, ...journeyProblems },
      },
    },
    async (request, reply) => {
      const { employeeId } = request.params;
      const { cursor, limit, stage, type, chapter, asOf, minRevision } = request.query;
      const status = await loadStatus(readStore, employeeId, minRevision, wait);
      if (!status) throw new AppError(ErrorCodes.EJP_NOT_FOUND, `No journey is known for employee ${employeeId}.`);

      // A withdrawn recognition leaves every timeline.
      const where: Record<string, Condition> = { employeeId, withdrawnAt: null };
      if (stage) where.stage = stage;
      if (type) where.type = type;
      if (chapter !== undefined) where.chapter = chapter;
      // Stored times are UTC `toISOString`, so a normalized bound compares correctly as a string.
      if (asOf) where.recordedAt = { lte: new Date(asOf).toISOString() };
      let page: Page<TimelineEntry>;
      try {
        // Lookups by id only (the employee's index; the page's recognitions as stored): see TimelineIndexReadModel.
        const { listed, reader } = await indexedTimeline(readStore, employeeId);
        page = await queryByIds<TimelineEntry>(reader, TimelineReadModel.collection, listed, {
          where,
          // Recognitions received sit after the recipient's revision they were projected at: several may share it, in the order they happened.
          orderBy: [{ field: 'revision' }, { field: 'occurredAt' }],
          limit,
          ...(cursor ? { cursor } : {}),
        });
      } catch (error) {
        if (error instanceof InvalidCursorError) {
          throw new AppError(ErrorCodes.EJP_BAD_REQUEST, 'The cursor is not one this timeline issued; start again without it.', { cause: error });
        }
        throw error;
      }
      const nextCursor = page.nextCursor ?? null;
      if (nextCursor) reply.header('link', `<${nextPageUrl(request.url, nextCursor)}>; rel="next"`);
      // Recognitions by their visibility (contracts canSee), whoever reads the timeline: a page may then be shorter than `limit`.
      const viewer = { id: request.user!.subject };
      const items = page.items.map((item) => item.doc).filter((entry) => !entry.recognition || canSee(viewer, entry.recognition));
      return { employeeId, items, nextCursor, projectedRevision: status.doc.lastAppliedRevision };
    },
  );
}

/**
 * The employee's timeline entries as their index holds them, and a reader of
 * entries that answers from there but for recognitions: a withdrawal patches
 * the entry alone (its `withdrawnAt`), so those are read as stored.
 */
async function indexedTimeline(readStore: ReadStore, employeeId: string) {
  const index = await readStore.get<ReadModelDocument<typeof TimelineIndexReadModel>>(TimelineIndexReadModel.collection, employeeId);
  const listed = Object.values(index?.doc.entries ?? {}).map(({ id, ...entry }): StoredDocument => ({ id, revision: undefined, doc: { ...entry, employeeId } as JsonObject }));
  const byId = new Map(listed.map((entry) => [entry.id, entry]));
  const reader: Pick<ReadStore, 'getMany'> = {
    async getMany<T>(collection: string, ids: readonly string[]) {
      const found = new Map<string, StoredDocument>(ids.flatMap((id) => (byId.has(id) && !byId.get(id)!.doc.recognition ? [[id, byId.get(id)!] as const] : [])));
      const recognitions = ids.filter((id) => byId.get(id)?.doc.recognition);
      if (recognitions.length > 0) for (const [id, stored] of await readStore.getMany(collection, recognitions)) found.set(id, stored);
      return found as Map<string, StoredDocument<T>>;
    },
  };
  return { listed, reader };
}

/** The request's own path and query with the cursor replaced (a relative reference, as RFC 8288 allows). */
function nextPageUrl(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl, 'http://relative.invalid');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}
