import { checkMasterKeyConfig, masterKeyConfigShape } from '@ejp/eventstore';
import { journeyApiConfigSchema } from '@ejp/journey-api';
import { recognitionConfigSchema } from '@ejp/recognition';
import { AUTH_MODES, baseConfigSchema } from '@ejp/service-kit';
import { z } from 'zod';

/**
 * The standalone process's environment: the kit's base variables plus where
 * the embedded data lives. Standalone is what someone runs on their own
 * machine first, so AUTH_MODE defaults to `off` here (the kit warns about it
 * at start); any deployment that others can reach sets hs256 or jwks.
 */
export const standaloneConfigSchema = baseConfigSchema
  .safeExtend({
  // safeExtend: overriding a base key is refused by plain extend on a refined schema.
  AUTH_MODE: z
    .enum(AUTH_MODES)
    .default('off')
    .describe(
      'How bearer tokens are verified: `off` (default here: no verification, every request acts as a user with all roles; for local use on one machine), `hs256` (shared AUTH_HS256_SECRET) or `jwks` (keys from AUTH_JWKS_URL).',
    ),
  DATA_DIR: z
    .string()
    .min(1)
    .default('data')
    .describe(
      'Directory of the embedded SQLite files, created when missing: `events.db` (events, crypto-shredding keys, wrapped), `master.key` (the master key that wraps them, unless KEYSTORE_MASTER_KEY(_FILE) says otherwise) and `read-models.db` (timelines, journey status, projection checkpoints). Back up the databases; keep master.key apart from those backups.',
    ),
  // The journey API's own variables, with its descriptions and bounds.
  READ_WAIT_TIMEOUT_MS: journeyApiConfigSchema.shape.READ_WAIT_TIMEOUT_MS,
  READ_WAIT_POLL_MS: journeyApiConfigSchema.shape.READ_WAIT_POLL_MS,
  // The recognition service's organisation (its time zone: when allowances refresh).
  ORG_TIMEZONE: recognitionConfigSchema.shape.ORG_TIMEZONE,
  ORG_ID: recognitionConfigSchema.shape.ORG_ID,
  // The master key wrapping the crypto-shredding keys: by default `master.key` in DATA_DIR, created on first start.
  ...masterKeyConfigShape,
  })
  .superRefine(checkMasterKeyConfig, { when: () => true });

export type StandaloneConfig = z.output<typeof standaloneConfigSchema>;
