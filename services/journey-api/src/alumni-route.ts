import { type Alumnus, AlumniDirectoryReadModel, alumnusSchema } from '@ejp/contracts/read-models';
import type { Condition } from '@ejp/readstore';
import type { ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { HR_READERS } from './access.ts';
import { booleanQuery, cursorQuery, nextCursorField, queryPage } from './params.ts';
import type { RouteContext } from './routes.ts';

const MAX_PAGE_SIZE = 200;

const alumniQuery = z.object({
  cursor: cursorQuery,
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).describe(`Alumni per page (1..${MAX_PAGE_SIZE}).`),
  rehireEligible: booleanQuery('Only alumni HR marked eligible (true) or not eligible (false) for rehire.'),
});

/** A directory entry: the read model without its bookkeeping; no name or address (personal data), the employee id resolves them in the HR system. */
const alumnusEntry = alumnusSchema.omit({ listed: true, lastAppliedRevision: true, updatedAt: true, erasedAt: true }); // an erased alumnus is never listed

const alumniPage = z.object({
  items: z.array(alumnusEntry).describe('Consented alumni, latest departures first.'),
  nextCursor: nextCursorField,
});

export function registerAlumniRoute(app: ServiceApp, { readStore }: RouteContext): void {
  app.get(
    '/alumni',
    {
      config: { access: HR_READERS },
      schema: {
        operationId: 'listAlumni',
        summary: 'The alumni directory',
        description:
          'Alumni who joined the programme with consent (withdrawing it removes them), with rehire eligibility and the number of referrals they made. Shows the contact channel they chose, not the address: contact details are personal data, held where erasure and consent are enforced. HR and admin only.',
        tags: ['alumni'],
        querystring: alumniQuery,
        response: { 200: alumniPage },
      },
    },
    async (request) => {
      const { cursor, limit, rehireEligible } = request.query;
      const where: Record<string, Condition> = { listed: true };
      if (rehireEligible !== undefined) where.rehireEligible = rehireEligible;
      const page = await queryPage<Alumnus>(
        readStore,
        AlumniDirectoryReadModel.collection,
        { where, orderBy: [{ field: 'departedOn', direction: 'desc' }], limit, ...(cursor ? { cursor } : {}) },
        'directory',
      );
      return {
        items: page.items.map(({ doc: { listed: _, lastAppliedRevision: __, updatedAt: ___, erasedAt: ____, ...entry } }) => entry),
        nextCursor: page.nextCursor ?? null,
      };
    },
  );
}
