/** One account the IT bot keeps for an employee: what a directory (Google Workspace, Entra ID) would hold. */
export interface Account {
  employeeId: string;
  email: string;
  displayName: string;
  /** `active` from the hire; `leaving` once the departure is recorded, until access removal is due. */
  status: 'active' | 'leaving';
}

/**
 * The account list. In memory here; a real bot calls its directory's API.
 * Every change is idempotent, because Kafka delivers at least once.
 */
export class AccountList {
  readonly #accounts = new Map<string, Account>();

  upsert(account: Account): void {
    this.#accounts.set(account.employeeId, account);
  }

  markLeaving(employeeId: string): void {
    const account = this.#accounts.get(employeeId);
    if (account) this.#accounts.set(employeeId, { ...account, status: 'leaving' });
  }

  remove(employeeId: string): void {
    this.#accounts.delete(employeeId);
  }

  get(employeeId: string): Account | undefined {
    return this.#accounts.get(employeeId);
  }

  all(): Account[] {
    return [...this.#accounts.values()];
  }
}
