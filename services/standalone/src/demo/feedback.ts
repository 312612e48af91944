import { uuidV5 } from '@ejp/command-kit';
import { addDays } from '@ejp/contracts';
import { between, type DemoEmployee, pick, prng } from './company.ts';
import { demoLeavers } from './departures.ts';
import { growthCast } from './growth.ts';
import type { DemoActor, DemoCommand } from './script.ts';

/**
 * One completed need-survey round for the demo: an engagement survey of
 * everyone who had started six weeks before the anchor date, three in four
 * respond over a week (engineering happier than support), HR closes it the
 * evening before the anchor date. The small departments fall below the
 * minimum group size, so their results (and the next-smallest) show as
 * suppressed. Then suggestions in every state and one-to-one check-ins.
 */

/** The demo survey's id: fixed, so the seeding can tell whether the round exists. */
export const DEMO_SURVEY_ID = uuidV5('6c0e5f8a-2d4b-4e71-9b3a-0f5d7c2e9a14', 'engagement-survey-1');

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const COMMENTS = ['More focus time, fewer meetings.', 'Clearer career paths, please.', 'The new office kitchen is great.', 'We need better onboarding docs.', 'Pay reviews should be more transparent.'];

/** A survey launch's roster: who is invited, with the attributes their results are segmented by. */
export function surveyRoster(invited: readonly DemoEmployee[], anchorDate: string) {
  return invited.map((e) => ({
    employeeId: e.employeeId,
    department: slug(e.department),
    level: slug(e.level),
    location: slug(e.location),
    hiredOn: addDays(anchorDate, e.startOffsetDays),
    stage: e.stage === 'extended-probation' ? 'probation' : e.stage,
  }));
}

export function feedbackCommands(company: readonly DemoEmployee[], anchorDate: string): DemoCommand[] {
  const random = prng(4242);
  const hr = company.find((e) => e.role === 'Head of People')!;
  const hrActor: DemoActor = { subject: hr.employeeId, roles: ['hr'] };
  const leavers = demoLeavers(company);
  const at = (day: number, minutes: number) => new Date(Date.parse(`${addDays(anchorDate, day)}T09:00:00Z`) + minutes * 60_000);
  const command = (key: string, when: Date, url: string, actor: DemoActor, body?: Record<string, unknown>, employee = hr): DemoCommand => ({
    employee,
    appendsTo: 'feedback',
    key: `demo:survey:${key}`,
    at: when,
    method: 'POST',
    url,
    actor,
    ...(body ? { body } : {}),
  });
  const invited = company.filter((e) => e.startOffsetDays <= -45 && !leavers.has(e.employeeId));
  const roster = surveyRoster(invited, anchorDate);
  const base = `/surveys/${DEMO_SURVEY_ID}`;
  const commands = [
    command('create', at(-30, 0), '/surveys', hrActor, {
      surveyId: DEMO_SURVEY_ID,
      title: 'Engagement survey, first round',
      kind: 'engagement',
      audience: { kind: 'everyone' },
      questions: ['work_challenge', 'work_achievement', 'management_leadership', 'management_communication', 'growth_training', 'growth_promotion', 'pay_competitiveness', 'pay_flexibility', 'environment_team', 'environment_workplace', 'enps', 'engagement_proud', 'comment'].map((bankId) => ({ bankId })),
    }),
    command('launch', at(-28, 0), `${base}/launch`, hrActor, { roster }),
    command('remind', at(-24, 0), `${base}/reminders`, hrActor),
  ];
  invited.forEach((e, i) => {
    if (random() >= 0.75) return;
    const mood = e.department === 'Engineering' ? 1 : e.department === 'Customer Support' ? -1 : 0;
    const agree = () => Math.max(1, Math.min(5, between(random, 3, 5) + mood - (random() < 0.2 ? 2 : 0)));
    const answers = [
      ...['work_challenge', 'work_achievement', 'management_leadership', 'management_communication', 'growth_training', 'growth_promotion', 'pay_competitiveness', 'pay_flexibility', 'environment_team', 'environment_workplace', 'engagement_proud'].map((questionId) => ({ questionId, value: agree() })),
      { questionId: 'enps', value: Math.max(0, Math.min(10, between(random, 5, 10) + mood)) },
      ...(random() < 0.3 ? [{ questionId: 'comment', text: pick(random, COMMENTS) }] : []),
    ];
    commands.push(command(`response:${i}`, at(-27 + (i % 7), 30 + i), `${base}/responses`, { subject: e.employeeId, roles: ['employee'] }, { answers }, e));
  });
  // The last command of the demo: the completion markers it causes then follow every journey's own commands.
  commands.push(command('close', at(-1, 14 * 60 + 30), `${base}/close`, hrActor));
  return [...commands, ...suggestionCommands(company, at, command, hrActor), ...oneToOneCommands(company, at)];
}

/** Monthly one-to-ones of the people in role with their managers (journey events: replayed by key on every run). */
function oneToOneCommands(company: readonly DemoEmployee[], at: (day: number, minutes: number) => Date): DemoCommand[] {
  const random = prng(777);
  const topics = ['workload', 'career', 'feedback', 'wellbeing', 'projects', 'training'];
  // Not the one who moves to another team: their manager changes half way (a one-to-one is with the line manager).
  const { mover } = growthCast(company);
  return company
    .filter((e) => e.stage === 'in-role' && e.managerId && e !== mover)
    .flatMap((e, i) =>
      [-40, -10].map((day) => {
        const checkInId = uuidV5('6c0e5f8a-2d4b-4e71-9b3a-0f5d7c2e9a14', `one-to-one-${e.employeeId}-${day}`);
        const body = {
          checkInId,
          managerId: e.managerId!,
          heldOn: at(day, 0).toISOString().slice(0, 10),
          mood: between(random, 2, 5),
          topics: [pick(random, topics), pick(random, topics)].filter((t, k, all) => all.indexOf(t) === k),
          ...(random() < 0.5 ? { notes: 'Talked about next steps; follow up next month.' } : {}),
        };
        return { employee: e, key: `demo:one-to-one:${day}`, at: at(day, 5 * 60 + i), method: 'POST' as const, url: `/employees/${e.employeeId}/one-to-ones`, actor: { subject: e.managerId!, roles: ['manager'] }, body };
      }),
    );
}

/**
 * Suggestions in every state: open, acknowledged, answered (each answer),
 * replied to, anonymous with a follow-up, and overdue ones escalated to the
 * experience committee the day before the anchor date.
 */
function suggestionCommands(
  company: readonly DemoEmployee[],
  at: (day: number, minutes: number) => Date,
  command: (key: string, when: Date, url: string, actor: DemoActor, body?: Record<string, unknown>, employee?: DemoEmployee) => DemoCommand,
  hrActor: DemoActor,
): DemoCommand[] {
  const staff = company.filter((e) => e.stage === 'in-role');
  const id = (n: number) => uuidV5('6c0e5f8a-2d4b-4e71-9b3a-0f5d7c2e9a14', `suggestion-${n}`);
  const by = (n: number): DemoActor => ({ subject: staff[n % staff.length]!.employeeId, roles: ['employee'] });
  const ideas: [day: number, category: string, text: string, anonymous?: boolean][] = [
    [-40, 'tools', 'A second monitor for everyone who asks.'],
    [-35, 'process', 'Meeting-free Wednesday afternoons.'],
    [-30, 'benefits', 'A yearly learning budget per person.'],
    [-25, 'workplace', 'Quiet rooms on every floor.'],
    [-12, 'people', 'More feedback from managers between reviews.', true],
    [-11, 'other', 'A company-wide hack week.'],
    [-3, 'tools', 'Single sign-on for the expense tool.'],
    [-2, 'workplace', 'Bike parking near the entrance.', true],
  ];
  const commands = ideas.map(([day, category, text, anonymous], n) =>
    command(`suggestion:${n}`, at(day, 60 + n), anonymous ? '/suggestions/anonymous' : '/suggestions', by(n), { suggestionId: id(n), category, text }),
  );
  const answer = (n: number, day: number, answer: string, text: string) => command(`suggestion:${n}:answer`, at(day, 120), `/suggestions/${id(n)}/answers`, hrActor, { answer, text });
  commands.push(
    answer(0, -37, 'done', 'Ordered: ask IT for yours.'),
    answer(1, -30, 'planned', 'Starting next quarter.'),
    answer(2, -26, 'accepted', 'The budget comes with the next review cycle.'),
    command('suggestion:2:reply', at(-25, 60), `/suggestions/${id(2)}/replies`, by(2), { text: 'Thank you, that is great news!' }),
    answer(3, -20, 'declined', 'No space this year; we will look again after the move.'),
    command('suggestion:5:ack', at(-9, 60), `/suggestions/${id(5)}/acknowledgement`, hrActor),
    command('suggestion:6:ack', at(-2, 60), `/suggestions/${id(6)}/acknowledgement`, hrActor),
    // The anonymous one (4) and the hack week (5) passed their deadline unanswered.
    command('suggestion:escalations', at(-1, 8 * 60), '/suggestions/escalations', hrActor),
  );
  return commands;
}
