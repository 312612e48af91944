import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { eventCatalogue, unpublishedEventTypes } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { ASYNCAPI_FILE, asyncApiFileContent, repoPath } from '../src/asyncapi/asyncapi-file.ts';
import { asyncApiDocument } from '../src/index.ts';
import { withSurveys } from './support/survey-streams.ts';

const ERROR = 0; // spectral DiagnosticSeverity.Error

describe('AsyncAPI document', () => {
  it('is valid AsyncAPI 3.0: @asyncapi/parser reports no errors', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(asyncApiDocument({ partitions: 6, replicationFactor: 3 })));
    expect(diagnostics.filter((d) => d.severity === ERROR).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('describes every published event type and version of the catalogue, with its CloudEvents headers', async () => {
    const { document } = await new Parser().parse(JSON.stringify(asyncApiDocument({ topic: 'custom.topic' })));
    const channel = document!.channels().get('journeyLifecycle')!;
    expect(channel.address()).toBe('custom.topic');
    const ids = channel.messages().all().map((m) => m.id()).sort();
    const published = [...eventCatalogue.entries()].filter((e) => !unpublishedEventTypes.has(e.definition.type));
    expect(ids).toEqual(published.map((e) => `${e.definition.type}.v${e.version}`).sort());
    // The webhooks' own bookkeeping never reaches Kafka.
    expect(unpublishedEventTypes.size).toBeGreaterThan(0);
    expect(ids.filter((id) => id.startsWith('webhooks.'))).toEqual([]);
    expect(ids).toContain('privacy.personal-data.requested.v1');
    const hired = channel.messages().get('journey.employee.hired.v2')!;
    const headers = hired.headers()!.properties() ?? {};
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(['ce_id', 'ce_type', 'ce_subject', 'ce_streamrevision', 'ce_traceparent']));
    expect(headers.ce_type!.const()).toBe('journey.employee.hired');
    expect(headers.ce_dataversion!.const()).toBe('2');
  });

  it('shows personal fields as encrypted, as they are on the wire', () => {
    const doc = asyncApiDocument() as { components: { messages: Record<string, { payload: { schema: { properties: Record<string, { properties?: object; personalData?: boolean }> } } }> } };
    const email = doc.components.messages['journey.employee.hired.v2']!.payload.schema.properties.email!;
    expect(email.personalData).toBe(true);
    expect(Object.keys(email.properties ?? {})).toEqual(['$enc', 'kid', 'iv', 'ct', 'tag']);
  });

  it('says what the key, ce_subject and ce_stream are from the declared stream categories, published ones only', async () => {
    const { document } = await new Parser().parse(JSON.stringify(asyncApiDocument({ categories: withSurveys })));
    const hired = document!.channels().get('journeyLifecycle')!.messages().get('journey.employee.hired.v2')!;
    const key = (hired.bindings().get('kafka')!.value() as { key: { description: string } }).key.description;
    expect(key).toContain('the employee id in `journey-<id>` streams; the poll id in `poll-<id>` streams');
    expect(key).not.toContain('settings');
    const headers = hired.headers()!.properties() ?? {};
    expect(headers.ce_subject!.description()).toContain('the poll id in `poll-<id>` streams');
    const stream = new RegExp(headers.ce_stream!.pattern()!);
    expect(['journey-e1', 'poll-s1'].map((s) => stream.test(s))).toEqual([true, true]);
    expect(['settings-org', 'journey-', 'x-journey-e1'].map((s) => stream.test(s))).toEqual([false, false, false]);
    expect(document!.info().description()).toContain('`poll-<id>` (One poll round and its answers)');
  });

  it(`is committed in sync at ${ASYNCAPI_FILE} (run: npm run asyncapi -w @ejp/messaging)`, () => {
    expect(readFileSync(repoPath(ASYNCAPI_FILE), 'utf8')).toBe(asyncApiFileContent());
  });
});
