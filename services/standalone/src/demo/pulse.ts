import { uuidV5 } from '@ejp/command-kit';
import { addDays } from '@ejp/contracts';
import type { DemoEmployee } from './company.ts';
import { demoLeavers } from './departures.ts';
import { surveyRoster } from './feedback.ts';
import type { DemoActor, DemoCommand } from './script.ts';

/** The open pulse survey's id: fixed, so the web app's "surveys to answer" can name it. */
export const DEMO_PULSE_SURVEY_ID = uuidV5('6c0e5f8a-2d4b-4e71-9b3a-0f5d7c2e9a14', 'pulse-survey-1');

/**
 * A short pulse survey HR launched two days before the anchor date and left
 * open, so a newcomer to the demo (and the web app's persona switcher) has
 * a survey to answer: everyone who has started and is not leaving is invited.
 */
export function pulseCommands(company: readonly DemoEmployee[], anchorDate: string): DemoCommand[] {
  const hr = company.find((e) => e.role === 'Head of People')!;
  const hrActor: DemoActor = { subject: hr.employeeId, roles: ['hr'] };
  const leavers = demoLeavers(company);
  const invited = company.filter((e) => e.startOffsetDays <= 0 && !leavers.has(e.employeeId));
  const at = (day: number) => new Date(Date.parse(`${addDays(anchorDate, day)}T08:00:00Z`));
  const base = `/surveys/${DEMO_PULSE_SURVEY_ID}`;
  const command = (key: string, when: Date, url: string, body: Record<string, unknown>): DemoCommand => ({
    employee: hr, appendsTo: 'feedback', key: `demo:pulse:${key}`, at: when, method: 'POST', url, actor: hrActor, body,
  });
  return [
    command('create', at(-3), '/surveys', {
      surveyId: DEMO_PULSE_SURVEY_ID,
      title: 'Pulse check',
      kind: 'pulse',
      audience: { kind: 'everyone' },
      questions: ['work_challenge', 'environment_team', 'enps', 'comment'].map((bankId) => ({ bankId })),
    }),
    command('launch', at(-2), `${base}/launch`, { roster: surveyRoster(invited, anchorDate) }),
  ];
}
