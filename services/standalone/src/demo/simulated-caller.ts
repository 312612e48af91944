import type { AuthenticatedUser, Role } from '@ejp/service-kit';

/**
 * Who a demo command is sent as when AUTH_MODE=off. Without tokens every
 * request acts as the kit's dev user, but a recognition is given by the
 * caller (the giver is `user.subject`), so the seeding must act as the
 * colleague who gives, reacts or withdraws. Under hs256 the seeding signs a
 * token per actor instead and this is never installed. The service kit
 * takes it as `actingUser` and checks it like a token's caller, so an
 * off-mode seeding cannot do what an hs256 one would be refused.
 *
 * Like SimulatedClock a plain variable, safe for the same reason: seeding
 * runs before the server listens, one command at a time, so no client
 * request can ever run as a simulated caller; `as` refuses to nest.
 */
export class SimulatedCaller {
  #user: AuthenticatedUser | undefined;

  readonly current = (): AuthenticatedUser | undefined => this.#user;

  async as<T>(actor: { subject: string; roles: Role[]; scope?: string }, run: () => Promise<T>): Promise<T> {
    if (this.#user) throw new Error('SimulatedCaller.as: already acting; demo commands must run one at a time');
    const scopes = actor.scope ? actor.scope.split(' ') : [];
    this.#user = { subject: actor.subject, roles: [...actor.roles], scopes, claims: { sub: actor.subject, roles: [...actor.roles], ...(actor.scope ? { scope: actor.scope } : {}) } };
    try {
      return await run();
    } finally {
      this.#user = undefined;
    }
  }
}
