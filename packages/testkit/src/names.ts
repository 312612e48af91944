import { randomBytes } from 'node:crypto';

/**
 * Names unique to one test file and run, so that files sharing one server run
 * in parallel: `uniqueName('timeline')` -> `timeline_k3v9q2x1a0`.
 * Lower case, digits and underscores: valid as a PostgreSQL database, a Kafka
 * topic and a MongoDB database or collection name.
 */
export function uniqueName(prefix: string): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40);
  return `${clean}_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}
