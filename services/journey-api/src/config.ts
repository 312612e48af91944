import { baseConfigSchema } from '@ejp/service-kit';
import { z } from 'zod';

/** The journey API's environment: the service kit's variables plus these. */
export const journeyApiConfigSchema = baseConfigSchema.extend({
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URL')
    .describe('MongoDB (or FerretDB) holding the read models the projector writes.'),
  MONGO_DATABASE: z.string().min(1).default('ejp').describe('Database of the read models (the projector must use the same).'),
  READSTORE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,15}$/)
    .default('rm_')
    .describe('Prefix of the read-model collections (the projector must use the same).'),
  READ_WAIT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30_000)
    .default(2_000)
    .describe('How long a request with `minRevision` waits for the projection to catch up before answering 503 (ms; 0 = no wait).'),
  READ_WAIT_POLL_MS: z.coerce
    .number()
    .int()
    .min(5)
    .max(1_000)
    .default(25)
    .describe('How often a waiting request re-reads the journey status (ms).'),
});

export type JourneyApiConfig = z.output<typeof journeyApiConfigSchema>;
