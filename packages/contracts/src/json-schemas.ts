import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { EventCatalogue } from './catalogue.ts';
import { eventCatalogue } from './event-catalogue.ts';

export interface EventJsonSchema {
  type: string;
  version: number;
  /** Where the document lives in the repository, relative to its root. */
  file: string;
  schema: Record<string, unknown>;
}

/** The folder, relative to the repository root, that holds one JSON Schema per event type and version. */
export const EVENT_SCHEMA_DIR = 'docs/schemas/events';

/**
 * JSON Schema (draft 2020-12, from zod's own `z.toJSONSchema`) of the data of
 * every event type and version. Personal-data fields carry `"personalData": true`.
 * A schema zod cannot represent (a transform, a bigint) throws here, so it
 * cannot slip into the catalogue unnoticed.
 */
export function catalogueJsonSchemas(catalogue: EventCatalogue = eventCatalogue): EventJsonSchema[] {
  return [...catalogue.entries()].map(({ definition, version, schema }) => {
    const { $schema, ...body } = z.toJSONSchema(schema) as Record<string, unknown>;
    return {
      type: definition.type,
      version,
      file: `${EVENT_SCHEMA_DIR}/${definition.type}.v${version}.json`,
      schema: {
        $schema,
        title: `${definition.title} (v${version})`,
        ...(definition.description === undefined ? {} : { description: definition.description }),
        'x-event-type': definition.type,
        'x-event-version': version,
        ...(version === definition.version ? {} : { 'x-upcast-to': definition.version }),
        ...(definition.stage === undefined ? {} : { 'x-journey-stage': definition.stage }),
        ...body,
      },
    };
  });
}

/** File contents exactly as the generator writes them (the sync test compares against these). */
export function jsonSchemaFileContent(entry: EventJsonSchema): string {
  return `${JSON.stringify(entry.schema, null, 2)}\n`;
}

/**
 * Writes every event's JSON Schema under `repoRoot`, removing files of
 * versions that no longer exist. Returns the files written, relative to the root.
 */
export function writeJsonSchemaFiles(repoRoot: string, catalogue: EventCatalogue = eventCatalogue): string[] {
  const dir = join(repoRoot, EVENT_SCHEMA_DIR);
  mkdirSync(dir, { recursive: true });
  const entries = catalogueJsonSchemas(catalogue);
  const expected = new Set(entries.map((e) => join(repoRoot, e.file)));
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.json') && !expected.has(join(dir, name))) rmSync(join(dir, name));
  }
  for (const entry of entries) writeFileSync(join(repoRoot, entry.file), jsonSchemaFileContent(entry));
  return entries.map((e) => e.file);
}
