import { type AuditEntry, auditEntrySchema, AuditTrailReadModel } from '@ejp/contracts/read-models';
import type { Condition, Range } from '@ejp/readstore';
import type { Role, ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { cursorQuery, nextCursorField, queryPage } from './params.ts';
import type { RouteContext } from './routes.ts';

const MAX_PAGE_SIZE = 200;
/** The trail is the organisation's record of privileged actions: admins read it, nobody else. */
const AUDIT_ROLES: readonly Role[] = ['admin'];

const instant = (what: string) => z.iso.datetime({ offset: true }).optional().describe(what);

const auditQuery = z
  .object({
    action: z.string().min(1).max(100).optional().describe('Only this kind of action: `erasure`, `settings-change`, `override`, `allowance-boost`...'),
    actor: z.string().min(1).max(200).optional().describe('Only actions by this actor id (a token subject).'),
    subject: z.string().min(1).max(200).optional().describe('Only actions about this subject: an employee id, an organisation id.'),
    from: instant('Only actions that happened at or after this instant (ISO 8601).'),
    to: instant('Only actions that happened before this instant (ISO 8601).'),
    cursor: cursorQuery,
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).describe(`Entries per page (1..${MAX_PAGE_SIZE}).`),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), { message: 'must be after `from`', path: ['to'] });

const auditPage = z.object({
  items: z.array(auditEntrySchema).describe('Privileged actions, newest first.'),
  nextCursor: nextCursorField,
});

/** GET /audit-trail: every event marked audited in its contracts definition, filtered and paged. */
export function registerAuditRoute(app: ServiceApp, { readStore }: RouteContext): void {
  app.get(
    '/audit-trail',
    {
      config: { access: { roles: AUDIT_ROLES } },
      schema: {
        operationId: 'listAuditTrail',
        summary: 'The audit trail of privileged actions',
        description:
          'Erasures, settings and threshold changes, overrides and the other actions whose events are marked audited, newest first, with who did it, about whom and when. No personal data: each entry shows the event without its personal fields. Admin only.',
        tags: ['audit'],
        querystring: auditQuery,
        response: { 200: auditPage },
      },
    },
    async (request) => {
      const { action, actor, subject, from, to, cursor, limit } = request.query;
      const where: Record<string, Condition> = {};
      if (action !== undefined) where.action = action;
      if (actor !== undefined) where.actorId = actor;
      if (subject !== undefined) where.subject = subject;
      // Stored times are UTC toISOString, so the bounds are too: they compare as strings.
      const range: Range = {};
      if (from !== undefined) range.gte = new Date(from).toISOString();
      if (to !== undefined) range.lt = new Date(to).toISOString();
      if (from !== undefined || to !== undefined) where.occurredAt = range;
      const page = await queryPage<AuditEntry>(
        readStore,
        AuditTrailReadModel.collection,
        { where, orderBy: [{ field: 'occurredAt', direction: 'desc' }], limit, ...(cursor ? { cursor } : {}) },
        'trail',
      );
      return { items: page.items.map((item) => item.doc), nextCursor: page.nextCursor ?? null };
    },
  );
}
