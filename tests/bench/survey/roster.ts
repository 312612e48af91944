import { randomUUID } from 'node:crypto';
import { SURVEY_TENURE_BANDS } from '@ejp/contracts';

/** A made-up company: departments, levels, locations and tenure spread so that some cells are small. */
export function benchRoster(count: number) {
  const departments = ['engineering', 'sales', 'support', 'finance', 'legal', 'marketing', 'people', 'operations'];
  const levels = ['junior', 'mid', 'senior', 'lead'];
  const locations = ['oslo', 'lisbon', 'berlin', 'remote'];
  return Array.from({ length: count }, (_, i) => ({
    employeeId: randomUUID(),
    department: departments[i % departments.length]!,
    level: levels[(i * 7) % levels.length]!,
    location: locations[(i * 13) % locations.length]!,
    hiredOn: `20${String(15 + (i % 10)).padStart(2, '0')}-03-01`,
    stage: 'in-role' as const,
    tenureBand: SURVEY_TENURE_BANDS[i % 4]!,
  }));
}

export const benchQuestions = ['work_challenge', 'work_achievement', 'management_leadership', 'management_communication', 'growth_training', 'enps', 'comment'].map((bankId) => ({ bankId }));

export function benchAnswers(i: number) {
  return [
    { questionId: 'work_challenge', value: 1 + (i % 5) },
    { questionId: 'work_achievement', value: 1 + ((i * 3) % 5) },
    { questionId: 'management_leadership', value: 1 + ((i * 7) % 5) },
    { questionId: 'management_communication', value: 1 + ((i * 11) % 5) },
    { questionId: 'growth_training', value: 1 + ((i * 13) % 5) },
    { questionId: 'enps', value: i % 11 },
  ];
}
