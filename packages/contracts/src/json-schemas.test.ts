import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { eventCatalogue } from './event-catalogue.ts';
import { allSamples, loadEventModules } from '../test/event-modules.ts';
import { catalogueJsonSchemas, EVENT_SCHEMA_DIR, jsonSchemaFileContent, writeJsonSchemaFiles } from './json-schemas.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const entries = catalogueJsonSchemas();
const samples = allSamples(await loadEventModules());
// ajv-formats is CommonJS; its default export arrives wrapped depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

describe('JSON Schema of every event', () => {
  it('has one entry per type and version', () => {
    expect(entries.map((e) => `${e.type}.v${e.version}`)).toEqual([...eventCatalogue.entries()].map((e) => `${e.definition.type}.v${e.version}`));
  });

  it.each(entries.map((e) => [`${e.type}.v${e.version}`, e] as const))('%s compiles and agrees with zod on the samples', (_, entry) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(entry.schema);
    const { valid, invalid } = samples[entry.type]![entry.version]!;
    for (const data of valid) expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    for (const { why, data } of invalid) expect(validate(data), why).toBe(false);
  });

  it('marks personal data with the personalData keyword', () => {
    const hired = entries.find((e) => e.type === 'journey.employee.hired' && e.version === 2)!;
    const properties = hired.schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.email?.personalData).toBe(true);
    expect(properties.givenName?.personalData).toBe(true);
    expect(properties.department?.personalData).toBeUndefined();
  });

  it('labels each document with its type, version and title', () => {
    const v1 = entries.find((e) => e.type === 'journey.employee.hired' && e.version === 1)!;
    expect(v1.schema).toMatchObject({ 'x-event-type': 'journey.employee.hired', 'x-event-version': 1, 'x-upcast-to': 2, title: 'Employee hired (v1)' });
    expect(v1.file).toBe('docs/schemas/events/journey.employee.hired.v1.json');
  });

  it(`files in ${EVENT_SCHEMA_DIR} are in sync (run: npm run schemas -w @ejp/contracts)`, () => {
    const dir = join(repoRoot, EVENT_SCHEMA_DIR);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).sort()).toEqual(entries.map((e) => e.file.slice(EVENT_SCHEMA_DIR.length + 1)).sort());
    for (const entry of entries) expect(readFileSync(join(repoRoot, entry.file), 'utf8'), entry.file).toBe(jsonSchemaFileContent(entry));
  });

  it('the writer writes every file and removes stale ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'ejp-schemas-'));
    try {
      mkdirSync(join(root, EVENT_SCHEMA_DIR), { recursive: true });
      writeFileSync(join(root, EVENT_SCHEMA_DIR, 'journey.gone.v1.json'), '{}');
      expect(writeJsonSchemaFiles(root)).toEqual(entries.map((e) => e.file));
      expect(readdirSync(join(root, EVENT_SCHEMA_DIR))).toHaveLength(entries.length);
      expect(readFileSync(join(root, entries[0]!.file), 'utf8')).toBe(jsonSchemaFileContent(entries[0]!));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
