import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const KEY_BYTES = 32;

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length >= KEY_BYTES, `must be base64 of at least ${KEY_BYTES} bytes (openssl rand -base64 32)`);

/** The webhook secrets' key: a variable, or a file (created at first start when it is the default beside a SQLite event store). */
export const webhookSecretKeyConfigShape = {
  WEBHOOKS_SECRET_KEY: base64Key
    .optional()
    .describe('The key every webhook signing secret is derived from (base64 of 32 bytes); rotate a subscription\'s secret rather than this. Or WEBHOOKS_SECRET_KEY_FILE; with a SQLite event store, default: a webhooks.key file created beside it.'),
  WEBHOOKS_SECRET_KEY_FILE: z.string().min(1).optional().describe('A file holding WEBHOOKS_SECRET_KEY (a mounted Secret).'),
};

export type WebhookSecretKeyConfig = { WEBHOOKS_SECRET_KEY?: string | undefined; WEBHOOKS_SECRET_KEY_FILE?: string | undefined };

/** The key, from the variable, the named file, or `defaultFile` (created 0600 when missing); errors name the variable. */
export function loadWebhookSecretKey(config: WebhookSecretKeyConfig, defaultFile?: string): Buffer {
  if (config.WEBHOOKS_SECRET_KEY !== undefined) return Buffer.from(config.WEBHOOKS_SECRET_KEY, 'base64');
  const file = config.WEBHOOKS_SECRET_KEY_FILE ?? defaultFile;
  if (file === undefined) throw new Error('WEBHOOKS_SECRET_KEY (or WEBHOOKS_SECRET_KEY_FILE) is required when the event store is not a SQLite file');
  const path = resolve(file);
  if (!existsSync(path)) {
    if (config.WEBHOOKS_SECRET_KEY_FILE !== undefined) throw new Error(`WEBHOOKS_SECRET_KEY_FILE: no file at ${path}`);
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length < KEY_BYTES) throw new Error(`${config.WEBHOOKS_SECRET_KEY_FILE ? 'WEBHOOKS_SECRET_KEY_FILE' : 'the webhooks key file'} ${path}: must hold base64 of at least ${KEY_BYTES} bytes`);
  return key;
}
