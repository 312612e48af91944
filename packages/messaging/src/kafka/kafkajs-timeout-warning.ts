/**
 * kafkajs 2.2.4 (its last release) schedules its request queue's throttle
 * check with `setTimeout(fn, throttledUntil - Date.now())` while
 * `throttledUntil` is still its initial -1, a delay of minus the epoch; Node
 * has always run such a timer after 1 ms, and Node 24 also prints a
 * `TimeoutNegativeWarning` for it, once per process (tulios/kafkajs#1751; the
 * fixes, #1755 and #1756, were never released). The timer does what kafkajs
 * meant, so the warning says nothing actionable: this drops exactly that
 * warning, when the stack shows it comes from kafkajs's request queue, and
 * lets every other warning through. (Node reports only the first negative
 * timeout of a process, so a later one elsewhere stays unreported either way;
 * one that comes first is reported as before.)
 */
const FROM_KAFKAJS_QUEUE = /kafkajs[/\\]src[/\\]network[/\\]requestQueue/;

let installed = false;

export function silenceKafkajsNegativeTimeoutWarning(): void {
  if (installed) return;
  installed = true;
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (type === 'TimeoutNegativeWarning' && FROM_KAFKAJS_QUEUE.test(new Error().stack ?? '')) return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}
