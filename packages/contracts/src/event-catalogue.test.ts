import { describe, expect, it } from 'vitest';
import { allSamples, loadEventModules } from '../test/event-modules.ts';
import { eventCatalogue } from './event-catalogue.ts';
import * as contracts from './index.ts';

// Holds for any number of services: everything below is derived from the
// catalogue and from the files in src/events and test/samples.
const modules = await loadEventModules();
const types = eventCatalogue.types();
const versionsOf = (definitions: readonly { type: string; versions: readonly { version: number }[] }[]) =>
  definitions.flatMap((d) => d.versions.map((v) => `${d.type} v${v.version}`)).sort();

// <domain>.<entity>.<what happened>, each a lower-case word or kebab-case words.
const TYPE_NAME = /^[a-z]+(\.[a-z][a-z0-9]*(-[a-z0-9]+)*){2}$/;

describe('the platform event catalogue', () => {
  it('is made of the event modules in src/events', () => {
    expect(modules.length).toBeGreaterThan(0);
    expect(types.length).toBeGreaterThan(0);
    for (const module of modules) expect(module.definitions.length, `events/${module.area}.ts exports no event`).toBeGreaterThan(0);
  });

  it.each(types)('%s is declared by exactly one event module, as the catalogue holds it', (type) => {
    const declaring = modules.filter((module) => module.definitions.some((d) => d.type === type));
    expect(declaring.map((module) => module.area)).toHaveLength(1);
    expect(declaring[0]!.definitions.find((d) => d.type === type)).toBe(eventCatalogue.definition(type));
  });

  it.each(modules.map((m) => [m.area, m] as const))('every event of events/%s.ts is in the catalogue and exported', (_, module) => {
    const exported = new Set<unknown>(Object.values(contracts));
    for (const definition of module.definitions) {
      expect(exported.has(definition), `${definition.type} is not exported from src/index.ts`).toBe(true);
      expect(eventCatalogue.has(definition.type), `${definition.type} is not listed in event-catalogue.ts`).toBe(true);
      expect(eventCatalogue.definition(definition.type), definition.type).toBe(definition);
    }
  });

  it('has no type twice across modules', () => {
    const declared = modules.flatMap((module) => module.definitions.map((d) => d.type));
    expect(declared.length).toBe(new Set(declared).size);
    expect(declared.sort()).toEqual(types);
  });

  it.each(modules.map((m) => [m.area, m] as const))('events/%s.ts is one source’s: all its events name one source, no other module’s', (area, module) => {
    const sources = new Set(module.definitions.map((d) => d.source));
    expect([...sources], `sources of events/${area}.ts`).toHaveLength(1);
    expect([...sources][0], `events of events/${area}.ts need a source`).toEqual(expect.any(String));
    const others = modules.filter((m) => m !== module).flatMap((m) => m.definitions.map((d) => d.source));
    expect(others).not.toContain([...sources][0]);
  });

  it.each(types)('%s is named <domain>.<entity>.<event> in lower-case kebab words', (type) => {
    expect(type).toMatch(TYPE_NAME);
  });

  it.each(modules.map((m) => [m.area, m] as const))('test/samples/%s.ts has valid and invalid samples for every type and version of its module', (area, module) => {
    expect(module.samples, `test/samples/${area}.ts with an exported \`samples\``).toBeDefined();
    const covered = Object.entries(module.samples!).flatMap(([type, byVersion]) => Object.keys(byVersion).map((v) => `${type} v${v}`));
    expect(covered.sort()).toEqual(versionsOf(module.definitions));
    for (const [type, byVersion] of Object.entries(module.samples!)) {
      for (const [version, { valid, invalid }] of Object.entries(byVersion)) {
        expect(valid.length, `${type} v${version}: valid samples`).toBeGreaterThan(0);
        expect(invalid.length, `${type} v${version}: invalid samples`).toBeGreaterThan(0);
      }
    }
  });
});

describe('every event schema against its samples', () => {
  for (const [type, byVersion] of Object.entries(allSamples(modules))) {
    for (const [version, { valid, invalid }] of Object.entries(byVersion)) {
      const schema = eventCatalogue.schemaFor(type, Number(version));
      it.each(valid.map((data, i) => [i, data] as const))(`${type} v${version} accepts valid payload #%i`, (_, data) => {
        expect(schema.safeParse(data).error).toBeUndefined();
      });
      it.each(invalid.map(({ why, data }) => [why, data] as const))(`${type} v${version} rejects: %s`, (_, data) => {
        expect(schema.safeParse(data).success).toBe(false);
      });
    }
  }

  const zodOnly = modules.flatMap((module) => Object.entries(module.zodOnlyInvalid));
  it.each(zodOnly)('%s rejects a payload breaking a cross-field rule', (type, data) => {
    expect(eventCatalogue.schemaFor(type, eventCatalogue.latestVersion(type)).safeParse(data).success).toBe(false);
  });
});
