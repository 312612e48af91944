import { expect } from 'vitest';

/**
 * Given/when/then for the decider, until @ejp/command-kit/testing (its
 * `deciderSpec`, same calls) is merged; then this file goes and the tests
 * switch their import in one line. Given events are folded with `evolve`
 * from `initialState`, so tests state facts as events, not hand-built state.
 */
interface Decider<Command, State, Event, Folded> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Folded): State;
  initialState(): State;
}

export function deciderSpec<Command, State, Event, Folded>(decider: Decider<Command, State, Event, Folded>) {
  return {
    given: (events: readonly Folded[]) => ({
      when: (command: Command) => {
        const run = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
        return {
          // biome-ignore lint/suspicious/noThenProperty: given/when/then is the point of this helper; nothing awaits it.
          then: (expected: readonly Event[]) => expect(run()).toEqual(expected),
          thenThrows: (code: string) => expect(run).toThrow(expect.objectContaining({ code })),
        };
      },
    }),
  };
}
