import { type ShownGroup, suppressSmallGroups } from '@ejp/contracts';
import { type SkillCoverageCell, SkillCoverageReadModel, skillCoverageCellSchema } from '@ejp/contracts/read-models';
import type { ServiceApp } from '@ejp/service-kit';
import { z } from 'zod';
import { HR_READERS } from './access.ts';
import type { RouteContext } from './routes.ts';

/**
 * Skills coverage per department, from the development plans. The company
 * total of a skill is shown as it is; each department's count only for groups
 * of at least the minimum size. A skill's departments partition its company
 * total, so the next-smallest rule runs over them (anonymity.ts), each
 * measure on its own.
 */

const suppression = z.enum(['below-minimum', 'complement-below-minimum', 'next-smallest']).nullable();
const measure = z.object({ count: z.int().min(0).nullable().describe('null when withheld.'), suppressed: suppression });
const skillsResponse = z.object({
  minGroupSize: z.int().describe('Department counts are shown only for groups of at least this many employees (ANALYTICS_MIN_GROUP_SIZE).'),
  skills: z.array(
    z.object({
      skill: skillCoverageCellSchema.shape.skill,
      company: skillCoverageCellSchema.pick({ growing: true, achieved: true }).describe('Company level: never withheld.'),
      departments: z.array(z.object({ department: z.string(), growing: measure, achieved: measure })),
    }),
  ),
});

const shown = (group: ShownGroup<string>) => ({ count: group.count, suppressed: group.suppressed ? group.reason : null });

export function skillCoverageAnswer(cells: readonly SkillCoverageCell[], minGroupSize: number): z.output<typeof skillsResponse>['skills'] {
  const bySkill = new Map<string, SkillCoverageCell[]>();
  for (const cell of cells) if (cell.growing + cell.achieved > 0) bySkill.set(cell.skill, [...(bySkill.get(cell.skill) ?? []), cell]);
  return [...bySkill.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([skill, list]) => {
      const departments = [...list].sort((a, b) => a.department.localeCompare(b.department));
      const growing = suppressSmallGroups(departments.map((c) => ({ key: c.department, count: c.growing })), minGroupSize);
      const achieved = suppressSmallGroups(departments.map((c) => ({ key: c.department, count: c.achieved })), minGroupSize);
      return {
        skill,
        company: { growing: departments.reduce((sum, c) => sum + c.growing, 0), achieved: departments.reduce((sum, c) => sum + c.achieved, 0) },
        departments: departments.map((c, i) => ({ department: c.department, growing: shown(growing[i]!), achieved: shown(achieved[i]!) })),
      };
    });
}

export function registerSkillsRoute(app: ServiceApp, { readStore, minGroupSize }: RouteContext): void {
  app.get(
    '/analytics/skills',
    {
      config: { access: HR_READERS },
      schema: {
        operationId: 'getSkillCoverage',
        summary: 'Skills coverage per department, from the development plans',
        description: 'Per skill: employees growing it (an open goal) and who achieved it, company-wide and per department; department counts below the minimum group size are withheld. HR and admin only.',
        tags: ['analytics'],
        querystring: z.object({ skill: skillCoverageCellSchema.shape.skill.min(1).max(60).optional().describe('Only this skill.') }),
        response: { 200: skillsResponse },
      },
    },
    async (request) => {
      const { skill } = request.query;
      const cells: SkillCoverageCell[] = [];
      let cursor: string | undefined;
      do {
        const page = await readStore.query<SkillCoverageCell>(SkillCoverageReadModel.collection, { ...(skill ? { where: { skill } } : {}), orderBy: [{ field: 'skill' }], limit: 1000, ...(cursor ? { cursor } : {}) });
        cells.push(...page.items.map((i) => i.doc));
        cursor = page.nextCursor;
      } while (cursor);
      return { minGroupSize, skills: skillCoverageAnswer(cells, minGroupSize) };
    },
  );
}
