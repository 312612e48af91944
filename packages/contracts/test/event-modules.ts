// The event catalogue as its source files lay it out: one module per source
// in src/events/<area>.ts, its samples in test/samples/<area>.ts. Found by
// listing the folder, so the catalogue tests hold for any number of services
// without a list to keep up to date.
import { existsSync, readdirSync } from 'node:fs';
import type { EventDefinition } from '../src/define-event.ts';

/** Payloads of one version of one type; each invalid one breaks exactly one rule. */
export interface Samples {
  valid: Record<string, unknown>[];
  invalid: { why: string; data: Record<string, unknown> }[];
}

/** Samples per event type, per version. */
export type SamplesByType = Record<string, Record<number, Samples>>;

export interface EventModule {
  /** `onboarding` for src/events/onboarding.ts. */
  area: string;
  /** Every event definition the module exports. */
  definitions: EventDefinition[];
  /** `samples` of test/samples/<area>.ts; undefined when that file is missing. */
  samples: SamplesByType | undefined;
  /** `zodOnlyInvalid` of the samples file: invalid only by rules JSON Schema cannot express. */
  zodOnlyInvalid: Record<string, Record<string, unknown>>;
}

const EVENTS_DIR = new URL('../src/events/', import.meta.url);
const SAMPLES_DIR = new URL('./samples/', import.meta.url);

function isEventDefinition(value: unknown): value is EventDefinition {
  const candidate = value as Partial<EventDefinition> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.type === 'string' &&
    typeof candidate.version === 'number' &&
    Array.isArray(candidate.versions) &&
    typeof candidate.parse === 'function'
  );
}

export async function loadEventModules(): Promise<EventModule[]> {
  const files = readdirSync(EVENTS_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const area = file.slice(0, -'.ts'.length);
      const exported: Record<string, unknown> = await import(new URL(file, EVENTS_DIR).href);
      const samplesFile = new URL(`${area}.ts`, SAMPLES_DIR);
      const samplesModule: { samples?: SamplesByType; zodOnlyInvalid?: EventModule['zodOnlyInvalid'] } = existsSync(samplesFile)
        ? await import(samplesFile.href)
        : {};
      return {
        area,
        definitions: [...new Set(Object.values(exported).filter(isEventDefinition))],
        samples: samplesModule.samples,
        zodOnlyInvalid: samplesModule.zodOnlyInvalid ?? {},
      };
    }),
  );
}

/** The samples of every module, keyed by type. */
export function allSamples(modules: readonly EventModule[]): SamplesByType {
  return Object.assign({}, ...modules.map((module) => module.samples ?? {}));
}
