import { deepStrictEqual, fail } from 'node:assert/strict';
import type { Decider } from '../decider.ts';

/**
 * Given/when/then for deciders, after Emmett's DeciderSpecification:
 *
 *   const spec = deciderSpec(myDecider);
 *   spec.given([hired]).when(completeTask).then([taskCompleted]);
 *   spec.given([]).when(completeTask).thenThrows('EJP_EMPLOYEE_NOT_FOUND');
 *
 * `given` events are folded with `evolve` from `initialState`, so the test
 * states facts as events, not as a hand-built state. Uses node:assert, so it
 * runs under any test runner (and fails loudly under all of them).
 */
export interface DeciderSpec<Command, Event> {
  given(events: readonly Event[]): {
    when(command: Command): {
      then(expected: readonly Event[]): void;
      /** `code`: the error's `code` property; or a predicate over the thrown error. */
      thenThrows(code: string | ((error: unknown) => boolean)): void;
    };
  };
}

export function deciderSpec<Command, State, Event>(decider: Decider<Command, State, Event>): DeciderSpec<Command, Event> {
  return {
    given(events) {
      return {
        when(command) {
          const run = () =>
            decider.decide(
              command,
              events.reduce((state, event) => decider.evolve(state, event), decider.initialState()),
            );
          return {
            // biome-ignore lint/suspicious/noThenProperty: given/when/then is the point of this helper; nothing awaits it.
            then(expected) {
              deepStrictEqual(run(), expected);
            },
            thenThrows(code) {
              let produced: Event[];
              try {
                produced = run();
              } catch (error) {
                const matches =
                  typeof code === 'function' ? code(error) : (error as { code?: unknown } | null)?.code === code;
                if (!matches) fail(`expected ${typeof code === 'string' ? code : 'a matching error'}, got ${String(error)}`);
                return;
              }
              fail(`expected ${typeof code === 'string' ? code : 'an error'}, but decide returned ${JSON.stringify(produced)}`);
            },
          };
        },
      };
    },
  };
}
