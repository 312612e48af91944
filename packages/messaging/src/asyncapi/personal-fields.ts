/**
 * Crypto-shredding replaces every personal field, in the stored event and so
 * on Kafka, with an encrypted object (see @ejp/eventstore's field cipher):
 *   { "$enc": "v1", "kid": <employee id>, "iv": b64, "ct": b64, "tag": b64 }
 * The AsyncAPI payloads describe what is on the wire, so marked fields get
 * this schema, keeping the plaintext schema as `x-plaintext-schema` for
 * consumers that hold the key.
 */
export const encryptedFieldSchema = {
  type: 'object',
  description: 'Personal data encrypted with the employee\'s data key (AES-256-GCM); erasing the key erases it',
  properties: {
    $enc: { type: 'string', const: 'v1' },
    kid: { type: 'string', description: 'Key id: the employee id' },
    iv: { type: 'string', contentEncoding: 'base64' },
    ct: { type: 'string', contentEncoding: 'base64', description: 'Encrypted JSON text of the value' },
    tag: { type: 'string', contentEncoding: 'base64' },
  },
  required: ['$enc', 'kid', 'iv', 'ct', 'tag'],
  additionalProperties: false,
} as const;

type Json = Record<string, unknown>;

/** A copy of a JSON Schema with each `personalData: true` node replaced by the encrypted-field schema. */
export function encryptPersonalFields(schema: Json): Json {
  return walk(schema) as Json;
}

function walk(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(walk);
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Json;
  if (record.personalData === true) {
    const { personalData: _, ...plaintext } = record;
    return { ...encryptedFieldSchema, personalData: true, 'x-plaintext-schema': plaintext };
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, walk(value)]));
}
