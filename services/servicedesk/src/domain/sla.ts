import type { MeasuredPolicy, SlaDeadlines } from '@ejp/contracts';
import { addBusinessMinutes, businessMinutesBetween } from './business-hours.ts';

/**
 * The SLA clocks of one request, from its history alone. The request keeps
 * the wall-clock periods in which the team had the ball (from the moment no
 * approval was pending, minus the time waiting on the employee, up to the
 * resolution; a reopening starts a new period). Both clocks count business
 * minutes of those periods on the policy's calendar: the first-response clock
 * up to the first response, the resolution clock up to the resolution. So a
 * new policy or calendar gives new deadlines by the same arithmetic.
 */

export interface RunningPeriod {
  from: string;
  /** Null while it runs. */
  to: string | null;
}

export interface ClockHistory {
  running: readonly RunningPeriod[];
  firstResponseAt: string | null;
  /** True once resolved (until reopened): the resolution clock is stopped. */
  resolved: boolean;
}

/**
 * The instant the clock reaches `target` business minutes over `periods`:
 * in the past when it was reached, projected when it runs, null when it is
 * paused short of the target.
 */
export function reachedAt(policy: MeasuredPolicy, periods: readonly RunningPeriod[], target: number): Date | null {
  let used = 0;
  for (const period of periods) {
    const from = new Date(period.from);
    if (period.to === null) return addBusinessMinutes(policy.calendar, from, target - used);
    const minutes = businessMinutesBetween(policy.calendar, from, new Date(period.to));
    if (used + minutes >= target) return addBusinessMinutes(policy.calendar, from, target - used);
    used += minutes;
  }
  return null;
}

/** The running periods cut at `until` (the first response): what the first-response clock counted. */
function cutAt(periods: readonly RunningPeriod[], until: string): RunningPeriod[] {
  const cut: RunningPeriod[] = [];
  for (const period of periods) {
    if (period.from >= until) break;
    cut.push({ from: period.from, to: period.to === null || period.to > until ? until : period.to });
  }
  return cut;
}

export interface ClockDeadlines {
  /** When each clock reaches (or reached) its target; null when paused short of it. */
  firstResponse: Date | null;
  resolution: Date | null;
}

export function clockDeadlines(policy: MeasuredPolicy, history: ClockHistory): ClockDeadlines {
  const firstResponsePeriods = history.firstResponseAt === null ? history.running : cutAt(history.running, history.firstResponseAt);
  return {
    firstResponse: reachedAt(policy, firstResponsePeriods, policy.firstResponseMinutes),
    resolution: reachedAt(policy, history.running, policy.resolutionMinutes),
  };
}

/** The deadlines still in force for readers: a stopped clock has none, a paused one none until it runs again. */
export function deadlinesInForce(policy: MeasuredPolicy, history: ClockHistory): SlaDeadlines {
  const due = clockDeadlines(policy, history);
  const shown = (at: Date | null, stopped: boolean) => (stopped || at === null ? null : at.toISOString());
  return {
    firstResponseDueAt: shown(due.firstResponse, history.firstResponseAt !== null),
    resolutionDueAt: shown(due.resolution, history.resolved),
  };
}
