import { developmentPlanEvents, JourneyStreams, POSITION_SETTING_TYPES } from '@ejp/contracts';
import { skillCoverageCellId, SkillCoverageReadModel } from '@ejp/contracts/read-models';
import { type DocumentTarget, fanOutProjection, type ProjectedEvent, type Projection } from '@ejp/projection-kit';

/**
 * Skills coverage per department, from the development plans: how many
 * employees of each department grow a skill (an open goal on it) and how many
 * achieved it. Each journey counts once per skill, in the department the
 * employee is in: a transfer moves their skills to the new department's
 * cells. The journey API applies the minimum group size below company level.
 */

type SkillState = 'growing' | 'achieved';

interface EmployeeSkills {
  department: string | null;
  /** Goals by id, with their skills and whether achieved. */
  goals: Record<string, { skills: string[]; achieved: boolean }>;
}

/** Per skill, the employee's best standing over their goals: achieved beats growing. */
function standing(state: EmployeeSkills): Map<string, SkillState> {
  const skills = new Map<string, SkillState>();
  for (const goal of Object.values(state.goals)) {
    for (const skill of goal.skills) if (skills.get(skill) !== 'achieved') skills.set(skill, goal.achieved ? 'achieved' : 'growing');
  }
  return skills;
}

function evolveSkills(state: EmployeeSkills, event: ProjectedEvent): EmployeeSkills {
  const d = event.data;
  if ((POSITION_SETTING_TYPES as readonly string[]).includes(event.type)) return { ...state, department: d.department as string };
  if (event.type === 'journey.development-plan.goal-set') {
    const achieved = state.goals[d.goalId as string]?.achieved ?? false;
    return { ...state, goals: { ...state.goals, [d.goalId as string]: { skills: d.skills as string[], achieved } } };
  }
  const goal = event.type === 'journey.development-plan.goal-achieved' ? state.goals[d.goalId as string] : undefined;
  return goal ? { ...state, goals: { ...state.goals, [d.goalId as string]: { ...goal, achieved: true } } } : state;
}

function cellsOf(event: ProjectedEvent, before: EmployeeSkills): DocumentTarget[] {
  const after = evolveSkills(before, event);
  const counts = new Map<string, { department: string; skill: string; growing: number; achieved: number }>();
  const count = (department: string | null, skills: Map<string, SkillState>, by: 1 | -1) => {
    if (department === null) return;
    for (const [skill, state] of skills) {
      const id = skillCoverageCellId(department, skill);
      const cell = counts.get(id) ?? { department, skill, growing: 0, achieved: 0 };
      cell[state] += by;
      counts.set(id, cell);
    }
  };
  count(before.department, standing(before), -1);
  count(after.department, standing(after), 1);
  return [...counts.entries()]
    .filter(([, c]) => c.growing !== 0 || c.achieved !== 0)
    .map(([id, { department, skill, growing, achieved }]) => ({ readModel: SkillCoverageReadModel, id, change: { set: { department, skill }, inc: { growing, achieved } } }));
}

export function skillCoverageProjection(): Projection {
  return fanOutProjection<EmployeeSkills>({
    name: 'skill-coverage',
    version: 1,
    canHandle: [...developmentPlanEvents.map((e) => e.type), ...POSITION_SETTING_TYPES],
    categories: [JourneyStreams],
    readModels: [SkillCoverageReadModel],
    streamState: { collection: 'skill_coverage_state', initial: () => ({ department: null, goals: {} }), evolve: evolveSkills },
    documents: cellsOf,
  });
}
