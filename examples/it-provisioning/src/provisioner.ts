import { type CloudEvent, type CloudEventV1, Kafka as CloudEventsKafka, type KafkaMessage } from 'cloudevents';
import type { Consumer, Kafka, KafkaMessage as KafkajsMessage } from 'kafkajs';
import type { AccountList } from './accounts.ts';
import type { PersonalDetails } from './personal-details.ts';

/** The lifecycle events the bot acts on; every other type on the topic is skipped. */
export const WATCHED_TYPES = {
  hired: 'journey.employee.hired',
  departed: 'journey.employee.departed',
  accessRemovalDue: 'journey.offboarding.access-removal-due',
  erased: 'journey.employee.erased',
} as const;

export interface ProvisionerOptions {
  kafka: Kafka;
  topic: string;
  groupId: string;
  accounts: AccountList;
  /** Fetches the contact details the bot's scope grants (see personal-details.ts). */
  details: (employeeId: string) => Promise<PersonalDetails>;
  /** Told about each event handled (for logs and tests). */
  onHandled?: (event: CloudEventV1<unknown>) => void;
}

/**
 * The IT provisioning bot: a Kafka consumer group on the journey topic. Each
 * message is read with the official CloudEvents SDK (`Kafka.toEvent`) and
 * validated; the subject is the employee id. A hire creates the account
 * from the details fetched on request (the event's own name and email are
 * ciphertext), a departure marks it leaving, access removal deletes it, and
 * an erasure deletes whatever is left. kafkajs commits the offset after the
 * handler returns, so a crash redelivers, and every change is idempotent.
 */
export class Provisioner {
  readonly #o: ProvisionerOptions;
  #consumer: Consumer | undefined;

  constructor(options: ProvisionerOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    const consumer = this.#o.kafka.consumer({ groupId: this.#o.groupId, maxWaitTimeInMs: 100 });
    this.#consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.#o.topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => this.handle(toCloudEvent(message)) });
  }

  async stop(): Promise<void> {
    await this.#consumer?.disconnect();
  }

  async handle(event: CloudEventV1<unknown>): Promise<void> {
    const employeeId = event.subject;
    if (!employeeId) return;
    const { accounts } = this.#o;
    switch (event.type) {
      case WATCHED_TYPES.hired: {
        const details = await this.#o.details(employeeId);
        const displayName = [details.givenName, details.familyName].filter((part) => part).join(' ');
        accounts.upsert({ employeeId, email: details.email ?? '', displayName, status: 'active' });
        break;
      }
      case WATCHED_TYPES.departed:
        accounts.markLeaving(employeeId);
        break;
      case WATCHED_TYPES.accessRemovalDue:
      case WATCHED_TYPES.erased:
        accounts.remove(employeeId);
        break;
      default:
        return;
    }
    this.#o.onHandled?.(event);
  }
}

/** A kafkajs message as the SDK's Kafka binding reads it (headers as strings), validated as CloudEvents 1.0. */
export function toCloudEvent(message: KafkajsMessage): CloudEventV1<unknown> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = value.toString();
  const value = message.value?.toString() ?? '';
  const received = { key: message.key?.toString() ?? '', value, body: value, headers, timestamp: message.timestamp } as KafkaMessage<string>;
  const event = CloudEventsKafka.toEvent(received) as CloudEvent<unknown> | CloudEvent<unknown>[];
  if (Array.isArray(event)) throw new Error('a batched CloudEvents message: the platform publishes one event per message');
  event.validate();
  return event;
}
