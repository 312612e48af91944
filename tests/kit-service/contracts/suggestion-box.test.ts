import { catalogueJsonSchemas } from '@ejp/contracts';
import { asyncApiDocument } from '@ejp/messaging';
import { describe, expect, it } from 'vitest';
import { boxCatalogue, boxCategories, BoxStreams } from './suggestion-box.ts';
import { samples } from './suggestion-box.samples.ts';

// What a service's contracts module is checked for, whichever catalogue holds it.
describe('suggestion box contracts', () => {
  it('has samples for every type and version', () => {
    const covered = Object.entries(samples).flatMap(([type, byVersion]) => Object.keys(byVersion).map((v) => `${type}.v${v}`));
    expect(covered.sort()).toEqual([...boxCatalogue.entries()].map((e) => `${e.definition.type}.v${e.version}`).sort());
  });

  for (const [type, byVersion] of Object.entries(samples)) {
    for (const [version, { valid, invalid }] of Object.entries(byVersion)) {
      const schema = boxCatalogue.schemaFor(type, Number(version));
      it.each(valid.map((data, i) => [i, data] as const))(`${type} v${version} accepts valid payload #%i`, (_, data) => {
        expect(schema.safeParse(data).error).toBeUndefined();
      });
      it.each(invalid.map(({ why, data }) => [why, data] as const))(`${type} v${version} rejects: %s`, (_, data) => {
        expect(schema.safeParse(data).success).toBe(false);
      });
    }
  }

  it('carries no personal field, as its stream category requires', () => {
    for (const { definition, version } of boxCatalogue.entries()) expect(boxCatalogue.personalDataPaths(definition.type, version), definition.type).toEqual([]);
    expect(BoxStreams.personalDataOwnerOf(BoxStreams.streamOf('b1'))).toBeUndefined();
    expect(boxCategories.of('box-b1')).toBe(BoxStreams);
    expect(boxCategories.of('journey-e1')).toBeUndefined();
  });

  it('gets its JSON Schemas and AsyncAPI messages from the same generators as the platform catalogue', () => {
    const files = catalogueJsonSchemas(boxCatalogue).map((entry) => entry.file);
    expect(files).toContain('docs/schemas/events/test.box.suggestion-dropped.v1.json');
    const doc = asyncApiDocument({ catalogue: boxCatalogue, categories: boxCategories }) as {
      info: { description: string };
      components: { messages: Record<string, { bindings: { kafka: { key: { description: string } } } }> };
    };
    expect(Object.keys(doc.components.messages).filter((id) => id !== 'deadLetter').sort()).toEqual(['test.box.closed.v1', 'test.box.opened.v1', 'test.box.suggestion-answered.v1', 'test.box.suggestion-dropped.v1']);
    expect(doc.components.messages['test.box.opened.v1']!.bindings.kafka.key.description).toMatch(/the box id in `box-<id>` streams/);
  });
});
