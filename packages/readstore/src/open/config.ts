import { z } from 'zod';

// The read-model store's environment variables, declared once: the projector
// (writer), the journey API (reader) and the rebuild command compose this
// fragment, and openReadStore reads nothing else.

export const READSTORE_BACKENDS = ['sqlite', 'mongodb'] as const;

/** The embedded read-model file when READSTORE_URL is unset (relative to the working directory). */
export const DEFAULT_READSTORE_FILE = 'data/read-models.db';

const isMongoUrl = (location: string) => /^mongodb(\+srv)?:\/\//.test(location);
const isUrl = (location: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(location);

export const readStoreConfigShape = {
  READSTORE_BACKEND: z
    .enum(READSTORE_BACKENDS)
    .default('sqlite')
    .describe('Read-model store adapter: `sqlite` (embedded file) or `mongodb` (MongoDB or FerretDB), at READSTORE_URL.'),
  READSTORE_URL: z
    .string()
    .min(1)
    .optional()
    .describe(
      `Where the read models are: for sqlite a file path (default \`${DEFAULT_READSTORE_FILE}\`; its directory is created), for mongodb \`mongodb://...\` or \`mongodb+srv://...\` (required). Writer and readers must name the same store.`,
    ),
  READSTORE_DATABASE: z.string().min(1).default('ejp').describe('MongoDB database of the read models (READSTORE_BACKEND=mongodb).'),
  READSTORE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,15}$/, 'must be a lower-case letter, then up to 15 of [a-z0-9_]')
    .default('rm_')
    .describe('Prefix of the read-model tables or collections (the projector and the journey API must use the same).'),
};

export type ReadStoreConfig = z.output<z.ZodObject<typeof readStoreConfigShape>>;

/**
 * The cross-variable rules of readStoreConfigShape; call it from the
 * service's superRefine. Fields may be missing: the service kit's schemas
 * run their checks even when a variable is invalid.
 */
export function checkReadStoreConfig(config: Partial<ReadStoreConfig>, ctx: z.core.$RefinementCtx): void {
  const url = config.READSTORE_URL;
  const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['READSTORE_URL'], message });
  if (config.READSTORE_BACKEND === 'mongodb') {
    if (url === undefined) issue('is required when READSTORE_BACKEND=mongodb');
    else if (!isMongoUrl(url)) issue('must be a mongodb:// or mongodb+srv:// URL when READSTORE_BACKEND=mongodb');
  } else if (config.READSTORE_BACKEND === 'sqlite' && url !== undefined && isUrl(url)) {
    issue('must be a file path when READSTORE_BACKEND=sqlite (a URL needs READSTORE_BACKEND=mongodb)');
  }
}

/** The fragment as a whole schema: openReadStore parses with it (one source of defaults and rules). */
export const readStoreConfigSchema = z.object(readStoreConfigShape).superRefine(checkReadStoreConfig, { when: () => true });

/** READSTORE_URL, else the sqlite default. */
export function readStoreLocation(config: Pick<ReadStoreConfig, 'READSTORE_BACKEND' | 'READSTORE_URL'>): string {
  if (config.READSTORE_URL) return config.READSTORE_URL;
  if (config.READSTORE_BACKEND === 'sqlite') return DEFAULT_READSTORE_FILE;
  throw new Error(`READSTORE_URL is required when READSTORE_BACKEND=${config.READSTORE_BACKEND}`);
}
