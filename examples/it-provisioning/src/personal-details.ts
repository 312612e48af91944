/** What the platform answers at GET /employees/{id}/personal-details: the fields the bot's scope names. */
export interface PersonalDetails {
  employeeId: string;
  fields: string[];
  givenName?: string;
  familyName?: string;
  email?: string;
}

export class PersonalDetailsError extends Error {
  override name = 'PersonalDetailsError';
  readonly status: number;
  constructor(status: number, detail: string) {
    super(`personal details answered ${status}: ${detail}`);
    this.status = status;
  }
}

/**
 * Asks the platform (the onboarding service, or standalone) for an
 * employee's personal details with the bot's service-account token, whose
 * scope names the field set (`personal-data:contact`), and says why. Events
 * on Kafka carry these fields only encrypted.
 */
export function personalDetailsClient(options: { baseUrl: string; token: () => string | Promise<string>; purpose: string }) {
  return async (employeeId: string): Promise<PersonalDetails> => {
    const url = new URL(`/employees/${encodeURIComponent(employeeId)}/personal-details`, options.baseUrl);
    url.searchParams.set('purpose', options.purpose);
    const response = await fetch(url, { headers: { authorization: `Bearer ${await options.token()}` } });
    if (!response.ok) throw new PersonalDetailsError(response.status, await response.text());
    return (await response.json()) as PersonalDetails;
  };
}
