// Writes docs/schemas/events/<type>.v<version>.json for every event type and
// version in the catalogue (and removes stale ones). The logic lives in
// src/json-schemas.ts, where it is type-checked and tested.
// Run: npm run schemas -w @ejp/contracts
import { resolve } from 'node:path';
import { EVENT_SCHEMA_DIR, writeJsonSchemaFiles } from '../src/index.ts';

const written = writeJsonSchemaFiles(resolve(import.meta.dirname, '../../..'));
console.log(`wrote ${written.length} event schemas to ${EVENT_SCHEMA_DIR}`);
