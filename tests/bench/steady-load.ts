import { randomUUID } from 'node:crypto';
import { expectStatus, type HttpClient } from '../e2e/support/http.ts';
import { hireBody, manyTasksPlan } from '../e2e/support/journey.ts';
import { sleep } from '../e2e/support/service-process.ts';

// Command-to-visible latency at a steady, open-loop rate: a command is sent
// every 1/rate s whatever the previous ones are doing (a closed loop would
// slow down with the system and hide its queueing). Each command completes a
// task or records a check-in for one of several employees in turn.

export interface LoadTarget {
  commands: HttpClient;
  journeys: HttpClient;
  /** Distributed mode: when an event reached Kafka (performance.now()), for the latency split. */
  arrivedOnKafka?: (employeeId: string, revision: number) => number | undefined;
}

export interface LoadOptions {
  employees: number;
  rate: number;
  warmupSeconds: number;
  seconds: number;
}

/** Milliseconds from sending the command, per measured command (after the warm-up). */
export interface LoadResult {
  /** The command answered: the write side's share. */
  answered: number[];
  /** Its last event reached a consumer of the topic (distributed mode only). */
  onKafka: number[];
  /** GET journey?minRevision answered: the status document shows the revision. */
  projected: number[];
  /** Then GET timeline answered, holding the touchpoint: visible in the timeline. */
  visible: number[];
  /** After the load, one at a time, without minRevision: the reads' own cost. */
  timelineRead: number[];
  journeyRead: number[];
  achievedRate: number;
  errors: string[];
}

interface Employee {
  id: string;
  nextTask: number;
  checkIns: number[];
}

/** Hires the employees (untimed) with a plan big enough for the run, and waits until each is projected. */
async function hire(target: LoadTarget, options: LoadOptions): Promise<Employee[]> {
  const perEmployee = Math.ceil(((options.warmupSeconds + options.seconds) * options.rate) / options.employees) + 5;
  const employees: Employee[] = [];
  for (let i = 0; i < options.employees; i++) {
    const id = randomUUID();
    const hired = expectStatus(await target.commands.post('/employees', hireBody(id, manyTasksPlan(perEmployee))), 201, 'hire');
    employees.push({ id, nextTask: 1, checkIns: [30, 60, 90] });
    expectStatus(await target.journeys.get(`/employees/${id}/journey?minRevision=${hired.revision}`), 200, 'hire projected');
  }
  return employees;
}

/** Every fifth command of an employee is a check-in (while one is left), the others complete its next task. */
function nextCommand(employee: Employee, index: number): { path: string; body?: unknown } {
  const base = `/employees/${employee.id}/onboarding`;
  if (index % 5 === 4 && employee.checkIns.length > 0) return { path: `${base}/check-ins`, body: { day: employee.checkIns.shift(), rating: 4 } };
  return { path: `${base}/tasks/t${employee.nextTask++}/complete` };
}

export async function runSteadyLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const employees = await hire(target, options);
  const result: LoadResult = { answered: [], onKafka: [], projected: [], visible: [], timelineRead: [], journeyRead: [], achievedRate: 0, errors: [] };
  const interval = 1000 / options.rate;
  const total = Math.round((options.warmupSeconds + options.seconds) * options.rate);
  const warmup = Math.round(options.warmupSeconds * options.rate);
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let measuredFrom = 0;

  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    if (i === warmup) measuredFrom = performance.now();
    const employee = employees[i % employees.length]!;
    const measured = i >= warmup;
    const command = nextCommand(employee, Math.floor(i / employees.length));
    inFlight.push(
      oneCommand(target, employee, command).then(
        (t) => {
          if (!measured) return;
          result.answered.push(t.answered);
          result.projected.push(t.projected);
          result.visible.push(t.visible);
          if (t.onKafka !== undefined) result.onKafka.push(t.onKafka);
        },
        (error: unknown) => void result.errors.push(String(error)),
      ),
    );
  }
  result.achievedRate = (total - warmup) / ((performance.now() - measuredFrom + interval) / 1000);
  await Promise.all(inFlight);
  for (let i = 0; i < 50; i++) {
    const employee = employees[i % employees.length]!;
    result.timelineRead.push(await timed(() => target.journeys.get(`/employees/${employee.id}/timeline?limit=200`)));
    result.journeyRead.push(await timed(() => target.journeys.get(`/employees/${employee.id}/journey`)));
  }
  return result;
}

async function oneCommand(target: LoadTarget, employee: Employee, command: { path: string; body?: unknown }) {
  const sent = performance.now();
  const revision = Number(expectStatus(await target.commands.post(command.path, command.body), 200, command.path).revision);
  const answered = performance.now() - sent;
  // minRevision: the journey API re-reads the status every READ_WAIT_POLL_MS and answers as soon as the
  // projection reached the revision. The projection writes timeline entries before the status, so the
  // timeline read right after must hold the touchpoint (checked below).
  expectStatus(await target.journeys.get(`/employees/${employee.id}/journey?minRevision=${revision}`), 200, 'journey');
  const projected = performance.now() - sent;
  const timeline = expectStatus(await target.journeys.get(`/employees/${employee.id}/timeline?limit=200`), 200, 'timeline');
  const visible = performance.now() - sent;
  if (!timeline.items.some((item: { revision: number }) => item.revision === revision)) {
    throw new Error(`revision ${revision} of ${employee.id} is not in its timeline although the status is at ${timeline.projectedRevision}`);
  }
  const arrived = target.arrivedOnKafka?.(employee.id, revision);
  return { answered, projected, visible, onKafka: arrived === undefined ? undefined : arrived - sent };
}

async function timed(request: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await request();
  return performance.now() - start;
}
