import { checkMasterKeyConfig, masterKeyConfigShape } from '@ejp/eventstore';
import { feedbackConfigSchema } from '@ejp/feedback';
import { journeyApiConfigSchema } from '@ejp/journey-api';
import { recognitionConfigSchema } from '@ejp/recognition';
import { AUTH_MODES, baseConfigSchema } from '@ejp/service-kit';
import { webhooksConfigShape } from '@ejp/webhooks';
import { webConfigShape } from '@ejp/web';
import { isIP } from 'node:net';
import { z } from 'zod';

/** Addresses only this machine can reach: the one place where AUTH_MODE=off is safe. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export const AUTH_OFF_OPT_IN = 'ALLOW_UNAUTHENTICATED_NETWORK';
/** HOST's default: the interface follows AUTH_MODE (see the transform below). */
const AUTO_HOST = 'auto';

/**
 * The standalone process's environment: the kit's base variables plus where
 * the embedded data lives. Standalone is what someone runs on their own
 * machine first, so AUTH_MODE defaults to `off` here (the kit warns about it
 * at start); any deployment that others can reach sets hs256 or jwks.
 */
const standaloneVariables = baseConfigSchema.safeExtend({
  // safeExtend: overriding a base key is refused by plain extend on a refined schema.
  HOST: z
    .string()
    .min(1)
    .default(AUTO_HOST)
    .describe(
      `Network interface the HTTP server binds to. \`${AUTO_HOST}\`: \`127.0.0.1\` under AUTH_MODE=off (only this machine reaches it), \`0.0.0.0\` otherwise. A non-loopback HOST with AUTH_MODE=off is refused unless ${AUTH_OFF_OPT_IN}=true.`,
    ),
  [AUTH_OFF_OPT_IN]: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe(
      'Set to `true` to serve with AUTH_MODE=off on a non-loopback HOST anyway: everyone who can reach that address then reads and changes every employee\'s data with every role. For a network you trust completely.',
    ),
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
  // The recognition service's organisation (its time zone: when allowances refresh).
  ORG_TIMEZONE: recognitionConfigSchema.shape.ORG_TIMEZONE,
  ORG_ID: recognitionConfigSchema.shape.ORG_ID,
  // The master key wrapping the crypto-shredding keys: by default `master.key` in DATA_DIR, created on first start.
  ...masterKeyConfigShape,
  // How often the survey calendar checks for due launches and closes.
  SURVEY_CALENDAR_CHECK_INTERVAL_MS: feedbackConfigSchema.shape.SURVEY_CALENDAR_CHECK_INTERVAL_MS,
  // Signed webhooks: by default their secrets' key is `webhooks.key` in DATA_DIR, created on first start.
  ...webhooksConfigShape,
  // The web app served at / (sign-in with OpenID Connect when auth is on).
  ...webConfigShape,
});

export const standaloneConfigSchema = standaloneVariables
  .superRefine(checkMasterKeyConfig, { when: () => true })
  .superRefine(
    (config, ctx) => {
      if (config.AUTH_MODE !== 'off' || config.HOST === AUTO_HOST || isLoopbackHost(config.HOST)) return;
      if (config[AUTH_OFF_OPT_IN]) return;
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message: `is not a loopback address while AUTH_MODE=off: everyone who reaches it would act as HR and admin without a token. Set AUTH_MODE=hs256 or jwks, bind to 127.0.0.1, or opt in with ${AUTH_OFF_OPT_IN}=true`,
      });
    },
    { when: () => true },
  )
  // Without authentication, the safe default is to be reachable from this machine only.
  .transform((config) => {
    if (config.HOST !== AUTO_HOST) return config;
    return { ...config, HOST: config.AUTH_MODE === 'off' ? '127.0.0.1' : '0.0.0.0' };
  });

export type StandaloneConfig = z.output<typeof standaloneConfigSchema>;
