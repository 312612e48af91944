/**
 * The clock the onboarding routes decide commands at. Normally the system
 * time; while the demo seeds a command it is that command's simulated past
 * instant, so a seeded journey reads like a real one (welcome three days
 * before day one, check-ins a month apart) and the decider's stage rules
 * hold on those dates.
 *
 * A plain variable rather than AsyncLocalStorage: app.inject does not carry
 * an async context into route handlers (the request body is read in another
 * one). That is safe because seeding runs before the server listens and
 * sends one command at a time, so no other request can see the simulated
 * time; `at` refuses to nest to keep it that way.
 */
export class SimulatedClock {
  #simulated: Date | undefined;

  readonly now = (): Date => (this.#simulated ? new Date(this.#simulated) : new Date());

  async at<T>(instant: Date, run: () => Promise<T>): Promise<T> {
    if (this.#simulated) throw new Error('SimulatedClock.at: already simulating; demo commands must run one at a time');
    this.#simulated = instant;
    try {
      return await run();
    } finally {
      this.#simulated = undefined;
    }
  }
}
