// Turns the document @fastify/swagger builds into one that OpenAPI tools
// (client generators, linters such as redocly) accept as it is: custom
// keywords become `x-` extensions, only the components something refers to
// are kept, and the tags are declared with their descriptions.

type Json = Record<string, unknown>;

// JSON Schema 2020-12 (every vocabulary) plus the OpenAPI 3.1 base vocabulary.
// Anything else in a schema is a custom annotation: zod copies every `.meta()`
// key verbatim (e.g. contracts' `personalData`), and strict tools reject them.
const STANDARD_KEYWORDS = new Set([
  ...['$schema', '$id', '$ref', '$anchor', '$dynamicRef', '$dynamicAnchor', '$vocabulary', '$comment', '$defs'],
  ...['prefixItems', 'items', 'contains', 'additionalProperties', 'properties', 'patternProperties', 'dependentSchemas'],
  ...['propertyNames', 'if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', 'unevaluatedItems', 'unevaluatedProperties'],
  ...['type', 'const', 'enum', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength'],
  ...['minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxContains', 'minContains', 'maxProperties'],
  ...['minProperties', 'required', 'dependentRequired', 'title', 'description', 'default', 'deprecated', 'readOnly'],
  ...['writeOnly', 'examples', 'format', 'contentEncoding', 'contentMediaType', 'contentSchema'],
  ...['discriminator', 'xml', 'externalDocs', 'example'],
]);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['prefixItems', 'allOf', 'anyOf', 'oneOf']);
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'contains', 'propertyNames', 'if', 'then', 'else', 'not']);
for (const key of ['unevaluatedItems', 'unevaluatedProperties', 'contentSchema']) SUBSCHEMAS.add(key);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `personalData` -> `x-personal-data`. */
export function extensionNameOf(keyword: string): string {
  return `x-${keyword.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** A copy of a JSON Schema whose non-standard keywords, at any depth, are `x-` extensions. */
export function withExtensionKeywords(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withExtensionKeywords);
  if (!isObject(schema)) return schema;
  const result: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, withExtensionKeywords(child)]));
    } else if (SCHEMA_LISTS.has(key) || SUBSCHEMAS.has(key)) {
      result[key] = withExtensionKeywords(value);
    } else if (STANDARD_KEYWORDS.has(key) || key.startsWith('x-')) {
      result[key] = value;
    } else {
      result[extensionNameOf(key)] = value;
    }
  }
  return result;
}

/** Applies `change` to every schema of an operation: parameters, request body, responses and their headers. */
function mapOperationSchemas(operation: Json, change: (schema: unknown) => unknown): void {
  const inContent = (holder: unknown) => {
    if (!isObject(holder) || !isObject(holder.content)) return;
    for (const media of Object.values(holder.content)) if (isObject(media) && 'schema' in media) media.schema = change(media.schema);
  };
  if (Array.isArray(operation.parameters)) {
    for (const parameter of operation.parameters) if (isObject(parameter) && 'schema' in parameter) parameter.schema = change(parameter.schema);
  }
  inContent(operation.requestBody);
  for (const response of Object.values(isObject(operation.responses) ? operation.responses : {})) {
    inContent(response);
    if (isObject(response) && isObject(response.headers)) {
      for (const header of Object.values(response.headers)) if (isObject(header) && 'schema' in header) header.schema = change(header.schema);
    }
  }
}

const SCHEMA_REF = '#/components/schemas/';

function collectSchemaRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectSchemaRefs(item, into);
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF)) into.add(child.slice(SCHEMA_REF.length));
    else collectSchemaRefs(child, into);
  }
}

/**
 * Only the schemas the operations refer to, directly or through each other.
 * The zod registry is process-wide, so it also holds the named schemas of
 * services this app does not mount, and an `...Input` twin of every name.
 */
function usedSchemas(paths: unknown, schemas: Json): Json {
  const used = new Set<string>();
  collectSchemaRefs(paths, used);
  const pending = [...used];
  while (pending.length > 0) {
    const nested = new Set<string>();
    collectSchemaRefs(schemas[pending.pop()!], nested);
    for (const name of nested) {
      if (used.has(name)) continue;
      used.add(name);
      pending.push(name);
    }
  }
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
}

export interface DeclaredTag {
  name: string;
  description: string;
}

/** Tags in the order given, each once and only when an operation uses it. */
function usedTags(paths: Json, declared: readonly DeclaredTag[]): DeclaredTag[] {
  const used = new Set<string>();
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(isObject(item) ? item : {})) {
      if (isObject(operation) && Array.isArray(operation.tags)) for (const tag of operation.tags) used.add(String(tag));
    }
  }
  return declared.filter((tag) => used.has(tag.name));
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** The finished document: extensions for custom keywords, used components only, declared tags. */
export function finishDocument(document: Json, tags: readonly DeclaredTag[]): Json {
  const paths = isObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (HTTP_METHODS.has(method) && isObject(operation)) mapOperationSchemas(operation, withExtensionKeywords);
    }
  }
  const components = isObject(document.components) ? document.components : {};
  const schemas = usedSchemas(paths, isObject(components.schemas) ? components.schemas : {});
  const extended = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, withExtensionKeywords(schema)]));
  const { schemas: _all, ...otherComponents } = components;
  return {
    ...document,
    tags: usedTags(paths, tags),
    paths,
    components: { ...otherComponents, ...(Object.keys(extended).length > 0 ? { schemas: extended } : {}) },
  };
}
