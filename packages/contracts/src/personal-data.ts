import { z } from 'zod';
import { formatJsonPath, type JsonPathSegment } from './json-path.ts';

/**
 * Personal data (names, emails, free text about a person) is marked on the
 * schema itself with zod metadata, so the mark travels with the field into the
 * generated JSON Schema (`"personalData": true`) and crypto-shredding can find
 * every marked field by walking the schema: no second list to keep in sync.
 */
export const PERSONAL_DATA_META = { personalData: true } as const;

/** Marks a schema as personal data. Wrap before `.optional()`/`.nullable()` or after: both are found. */
export function personal<S extends z.ZodType>(schema: S): S {
  return schema.meta(PERSONAL_DATA_META) as S;
}

export function isPersonalData(schema: z.core.$ZodType): boolean {
  return z.globalRegistry.get(schema as z.ZodType)?.personalData === true;
}

/**
 * JSON paths (see json-path.ts) of every personal-data field a schema can
 * produce, e.g. `$.email`, `$.tasks[*].notes`. Unions contribute the paths of
 * all their options. A marked field is reported as a whole; nothing below it.
 */
export function personalDataPathsOf(schema: z.core.$ZodType): string[] {
  const found = new Set<string>();
  walk(schema, [], new Set(), found);
  return [...found];
}

function walk(schema: z.core.$ZodType, at: JsonPathSegment[], inProgress: Set<z.core.$ZodType>, found: Set<string>): void {
  if (isPersonalData(schema)) {
    found.add(formatJsonPath(at));
    return;
  }
  // A lazy (recursive) schema can reach itself; stop where we already are.
  if (inProgress.has(schema)) return;
  inProgress.add(schema);
  const def = (schema as z.core.$ZodTypes)._zod.def;
  const into = (child: z.core.$ZodType, segments: JsonPathSegment[] = []): void =>
    walk(child, [...at, ...segments], inProgress, found);
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape)) into(child, [{ key }]);
      if (def.catchall) into(def.catchall, [{ anyKey: true }]);
      break;
    case 'array':
      into(def.element, [{ anyIndex: true }]);
      break;
    case 'tuple':
      for (const [index, item] of def.items.entries()) into(item, [{ index }]);
      if (def.rest) into(def.rest, [{ anyIndex: true }]);
      break;
    case 'record':
      into(def.valueType, [{ anyKey: true }]);
      break;
    case 'union':
      for (const option of def.options) into(option);
      break;
    case 'intersection':
      into(def.left);
      into(def.right);
      break;
    case 'pipe':
      into(def.in);
      into(def.out);
      break;
    case 'lazy':
      into(def.getter());
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'success':
      into(def.innerType);
      break;
    default:
      // Leaves (string, number, enum...) hold no nested fields.
      break;
  }
  inProgress.delete(schema);
}
