import { addDays, daysBetween } from '../calendar.ts';
import { stageOnDay } from '../calendar.ts';
import type { EmployeeProfileDocument, ProfileSnapshot } from '../read-models/employee-profile.ts';
import type { EmployeeProfileResponse, ProfileFlag } from './profile-response.ts';

/**
 * The profile as it stood at the end of `asOf`: every stored fact is dated
 * (`on`, the day it was recorded), so this filters one document; no replay.
 * The flags are judged on asOf with the rules below, each with the events
 * behind it. Only attributed data feeds a profile: journey events, named
 * suggestions, recognitions, one-to-ones; no survey answer at all.
 */

export const FLAG_RULES = {
  /** An onboarding task open this many days past its due date. */
  taskOverdueDays: 3,
  /** No (direct) recognition received for this many days while employed. */
  recognitionWindowDays: 90,
  /** Two one-to-ones in a row with mood at or below this. */
  lowMood: 2,
  /** Probation ends within this many days. */
  probationEndingDays: 14,
  /** Exit risk: at least this many of the attributed signals (exitRiskSignals). */
  exitRiskSignals: 2,
} as const;

const ACTIVE_STAGES = ['pre-boarding', 'onboarding', 'probation', 'in-role'];

export function profileAsOf(doc: EmployeeProfileDocument, asOf: string): EmployeeProfileResponse {
  const known = <T extends { on: string }>(items: readonly T[] | undefined) => (items ?? []).filter((i) => i.on <= asOf);
  const history = known(doc.history);
  const now: ProfileSnapshot | undefined = history.at(-1);
  const stage = now?.stage ? stageOnDay(now.stage, now.startDate, asOf) : null;
  const departed = now ? history.findLast((h) => h.chapter === now.chapter && h.stage === 'alumni') : undefined;
  const tenureEnd = departed ? departed.on : asOf;
  const tenureDays = now?.startDate && now.startDate <= tenureEnd ? daysBetween(now.startDate, tenureEnd) : null;

  const tasks = known(doc.tasks).filter((t) => t.chapter === now?.chapter);
  const dueOf = (offset: number) => (now?.startDate ? addDays(now.startDate, offset) : null);
  const openOn = tasks.filter((t) => t.completedOn === null || t.completedOn > asOf);
  const closedOnboarding = !now || !['pre-boarding', 'onboarding'].includes(stage ?? '');
  const overdue = closedOnboarding
    ? []
    : openOn.flatMap((t) => {
        const due = dueOf(t.dueOffsetDays);
        return due && due < asOf ? [{ task: t, taskId: t.taskId, owner: t.owner, dueDate: due, daysOverdue: daysBetween(due, asOf) }] : [];
      });

  const received = Object.values(doc.received ?? {}).filter((r) => r.on <= asOf && (r.withdrawnOn === null || r.withdrawnOn > asOf));
  const given = known(doc.given).filter((r) => r.withdrawnOn === null || r.withdrawnOn > asOf);
  const within = (days: number) => (r: { on: string }) => r.on > addDays(asOf, -days);
  const valueCounts = new Map<string, number>();
  for (const r of received) for (const v of r.values) valueCounts.set(v, (valueCounts.get(v) ?? 0) + 1);
  const lastReceivedOn = received.map((r) => r.on).sort().at(-1) ?? null;

  const oneToOnes = known(doc.oneToOnes).sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.on.localeCompare(b.on));
  const [before, last] = [oneToOnes.at(-2), oneToOnes.at(-1)];

  const suggestions = Object.values(doc.suggestions ?? {})
    .filter((s) => s.submittedOn <= asOf)
    .sort((a, b) => a.submittedOn.localeCompare(b.submittedOn) || a.suggestionId.localeCompare(b.suggestionId))
    .map((s) => {
      const answers = s.answers.filter((a) => a.on <= asOf);
      const status = answers.length > 0 ? ('answered' as const) : s.answerDueBy < asOf ? ('overdue' as const) : ('open' as const);
      return { suggestionId: s.suggestionId, category: s.category, submittedOn: s.submittedOn, answerDueBy: s.answerDueBy, status, answers };
    });

  const flags: ProfileFlag[] = [];
  const active = stage !== null && ACTIVE_STAGES.includes(stage);
  const late = overdue.filter((o) => o.daysOverdue > FLAG_RULES.taskOverdueDays);
  if (late.length > 0) {
    flags.push({
      flag: 'onboarding-task-overdue',
      reason: `${late.map((o) => `${o.taskId} (${o.owner}) ${o.daysOverdue} days past ${o.dueDate}`).join('; ')}: more than ${FLAG_RULES.taskOverdueDays} days overdue on ${asOf}`,
      eventIds: [...new Set(late.map((o) => o.task.eventId))],
    });
  }
  const employedSince = now?.startDate ?? null;
  const windowStart = addDays(asOf, -FLAG_RULES.recognitionWindowDays);
  const noRecognition = active && employedSince !== null && employedSince <= windowStart && !received.some(within(FLAG_RULES.recognitionWindowDays));
  if (noRecognition) {
    flags.push({ flag: 'no-recognition-90-days', reason: `no recognition received from ${addDays(windowStart, 1)} to ${asOf}${lastReceivedOn ? ` (last on ${lastReceivedOn})` : ' (never)'}`, eventIds: [] });
  }
  const lowMood = before && last && before.mood <= FLAG_RULES.lowMood && last.mood <= FLAG_RULES.lowMood;
  if (active && lowMood) {
    flags.push({ flag: 'low-mood-one-to-ones', reason: `moods ${before.mood} (${before.heldOn}) and ${last.mood} (${last.heldOn}) in a row, at most ${FLAG_RULES.lowMood}`, eventIds: [before.eventId, last.eventId] });
  }
  const probationEndsOn = now?.probationEndsOn ?? null;
  const probationEvent = history.findLast((h) => h.chapter === now?.chapter && h.probationEndsOn === probationEndsOn);
  if ((stage === 'onboarding' || stage === 'probation') && probationEndsOn && probationEndsOn >= asOf && daysBetween(asOf, probationEndsOn) <= FLAG_RULES.probationEndingDays) {
    flags.push({ flag: 'probation-ending', reason: `probation ends on ${probationEndsOn}, ${daysBetween(asOf, probationEndsOn)} days after ${asOf}`, eventIds: probationEvent ? [probationEvent.eventId] : [] });
  }
  if (active) {
    const signals = exitRiskSignals({ history, oneToOnes, received, asOf, noRecognition });
    if (signals.length >= FLAG_RULES.exitRiskSignals) {
      flags.push({ flag: 'exit-risk', reason: signals.map((s) => s.reason).join('; '), eventIds: [...new Set(signals.flatMap((s) => s.eventIds))] });
    }
  }

  return {
    employeeId: doc.employeeId,
    asOf,
    stage,
    chapter: now?.chapter ?? 0,
    startDate: now?.startDate ?? null,
    tenureDays,
    managerId: now?.managerId ?? null,
    department: now?.department ?? null,
    level: now?.level ?? null,
    location: now?.location ?? null,
    probationEndsOn,
    onboarding: { done: tasks.length - openOn.length, total: tasks.length, overdue: overdue.map(({ taskId, owner, dueDate, daysOverdue }) => ({ taskId, owner, dueDate, daysOverdue })) },
    recognition: {
      received30: received.filter(within(30)).length,
      received90: received.filter(within(90)).length,
      given30: given.filter(within(30)).length,
      given90: given.filter(within(90)).length,
      lastReceivedOn,
      topValues: [...valueCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([valueId, count]) => ({ valueId, count })),
    },
    oneToOnes: {
      count: oneToOnes.length,
      lastMood: last?.mood ?? null,
      lastHeldOn: last?.heldOn ?? null,
      trend: before && last ? (last.mood > before.mood ? 'up' : last.mood < before.mood ? 'down' : 'flat') : null,
    },
    suggestions,
    surveysCompleted: known(doc.surveys).map((s) => ({ surveyId: s.surveyId, title: s.title, completedBy: s.completedBy })),
    flags,
  };
}

interface Signal {
  reason: string;
  eventIds: string[];
}

/**
 * Exit-risk signals, from attributed data only (never a survey answer, not
 * even a confidential one): the mood falling over the last three
 * one-to-ones, a manager change in the last 90 days, and no recognition in
 * 90 days. Two or more raise the flag.
 */
function exitRiskSignals(input: {
  history: readonly ProfileSnapshot[];
  oneToOnes: readonly { eventId: string; heldOn: string; mood: number }[];
  received: readonly unknown[];
  asOf: string;
  noRecognition: boolean;
}): Signal[] {
  const signals: Signal[] = [];
  const lastThree = input.oneToOnes.slice(-3);
  if (lastThree.length === 3 && lastThree[0]!.mood > lastThree[1]!.mood && lastThree[1]!.mood > lastThree[2]!.mood) {
    signals.push({ reason: `mood falling over the last three one-to-ones (${lastThree.map((o) => o.mood).join(', ')})`, eventIds: lastThree.map((o) => o.eventId) });
  }
  const since = addDays(input.asOf, -90);
  const changes = input.history.filter((h, i) => i > 0 && h.on > since && h.chapter === input.history[i - 1]!.chapter && h.managerId !== input.history[i - 1]!.managerId);
  if (changes.length > 0) signals.push({ reason: `manager changed on ${changes.map((c) => c.on).join(', ')}`, eventIds: changes.map((c) => c.eventId) });
  if (input.noRecognition) signals.push({ reason: 'no recognition in 90 days', eventIds: [] });
  return signals;
}
