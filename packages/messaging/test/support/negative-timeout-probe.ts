// Run as its own process (Node warns of a negative timeout once per process):
//   node negative-timeout-probe.ts <brokers> <filter: on|off> <trigger: kafkajs|own>
// Prints the names of the warnings the process reported, as JSON.
import { Kafka, logLevel } from 'kafkajs';
import { silenceKafkajsNegativeTimeoutWarning } from '../../src/kafka/kafkajs-timeout-warning.ts';

const [brokers = '', filter, trigger] = process.argv.slice(2);
const warnings: string[] = [];
process.on('warning', (w) => void warnings.push(w.name));
if (filter === 'on') silenceKafkajsNegativeTimeoutWarning();
if (trigger === 'kafkajs') {
  const admin = new Kafka({ clientId: 'probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.listTopics();
  await admin.disconnect();
} else {
  setTimeout(() => undefined, -5);
}
await new Promise((r) => setTimeout(r, 50));
console.log(JSON.stringify(warnings));
