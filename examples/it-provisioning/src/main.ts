import { Kafka, logLevel } from 'kafkajs';
import { AccountList } from './accounts.ts';
import { personalDetailsClient } from './personal-details.ts';
import { Provisioner } from './provisioner.ts';

/** The bot's settings; a missing one stops it with its name. */
function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const accounts = new AccountList();
const provisioner = new Provisioner({
  kafka: new Kafka({ clientId: 'it-provisioning', brokers: env('KAFKA_BROKERS').split(','), logLevel: logLevel.WARN }),
  topic: env('JOURNEY_TOPIC', 'journey.lifecycle.v1'),
  groupId: env('GROUP_ID', 'it-provisioning'),
  accounts,
  // A service-account token whose scope holds personal-data:contact (and nothing it does not need).
  details: personalDetailsClient({ baseUrl: env('PLATFORM_URL'), token: () => env('PLATFORM_TOKEN'), purpose: 'account-provisioning' }),
  onHandled: (event) => console.log(`${event.type} ${event.subject}: ${accounts.all().length} account(s)`),
});
await provisioner.start();
process.once('SIGTERM', () => void provisioner.stop().then(() => process.exit(0)));
