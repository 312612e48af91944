import { AppError, type AuthenticatedUser, ErrorCodes, type Role, type ServiceApp } from '@ejp/service-kit';

/**
 * Who a demo command is sent as when AUTH_MODE=off. Without tokens every
 * request acts as the kit's dev user, but a recognition is given by the
 * caller (the giver is `user.subject`), so the seeding must act as the
 * colleague who gives, reacts or withdraws. Under hs256 the seeding signs a
 * token per actor instead and this is never installed.
 *
 * Like SimulatedClock a plain variable, safe for the same reason: seeding
 * runs before the server listens, one command at a time, so no client
 * request can ever run as a simulated caller; `as` refuses to nest.
 */
export class SimulatedCaller {
  #user: AuthenticatedUser | undefined;

  readonly current = (): AuthenticatedUser | undefined => this.#user;

  async as<T>(actor: { subject: string; roles: Role[] }, run: () => Promise<T>): Promise<T> {
    if (this.#user) throw new Error('SimulatedCaller.as: already acting; demo commands must run one at a time');
    this.#user = { subject: actor.subject, roles: [...actor.roles], claims: { sub: actor.subject, roles: [...actor.roles] } };
    try {
      return await run();
    } finally {
      this.#user = undefined;
    }
  }
}

/**
 * After the kit's own access check (which let the dev user in), the request
 * acts as the simulated caller, whose roles must admit it just as a token's
 * would: an off-mode seeding cannot do what an hs256 one would be refused.
 */
export function actAsSimulatedCaller(app: ServiceApp, current: () => AuthenticatedUser | undefined): void {
  app.addHook('onRequest', async (request) => {
    const user = current();
    if (!user || request.is404 || request.routeOptions.config.public === true) return;
    const allowed = request.routeOptions.config.roles ?? [];
    if (!allowed.some((role) => user.roles.includes(role))) {
      throw new AppError(ErrorCodes.EJP_FORBIDDEN, `This operation requires one of the roles: ${allowed.join(', ')}.`);
    }
    request.user = user;
  });
}
