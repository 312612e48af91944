import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { personalDataPaths } from './event-catalogue.ts';
import { isPersonalData, personal, personalDataPathsOf } from './personal-data.ts';

describe('personalDataPathsOf', () => {
  it('finds top-level, nested and array fields', () => {
    const schema = z.object({
      id: z.string(),
      email: personal(z.email()),
      address: z.object({ street: personal(z.string()), country: z.string() }),
      tasks: z.array(z.object({ title: z.string(), notes: personal(z.string()) })),
      matrix: z.array(z.array(z.object({ who: personal(z.string()) }))),
    });
    expect(personalDataPathsOf(schema).sort()).toEqual(
      ['$.email', '$.address.street', '$.tasks[*].notes', '$.matrix[*][*].who'].sort(),
    );
  });

  it('sees through optional, nullable, default, readonly and refinements, whichever side carries the mark', () => {
    const schema = z.object({
      a: personal(z.string()).optional(),
      b: personal(z.string().nullable()),
      c: personal(z.string()).default('x'),
      d: z.object({ e: personal(z.string()) }).readonly(),
      f: personal(z.string()).refine((s) => s.length > 0),
      g: personal(z.string()).describe('still personal after describe'),
    });
    expect(personalDataPathsOf(schema).sort()).toEqual(['$.a', '$.b', '$.c', '$.d.e', '$.f', '$.g']);
  });

  it('reports a marked object as a whole, not its children', () => {
    const schema = z.object({ name: personal(z.object({ given: personal(z.string()), family: z.string() })) });
    expect(personalDataPathsOf(schema)).toEqual(['$.name']);
  });

  it('collects the paths of every union option, records and tuples', () => {
    const schema = z.object({
      u: z.discriminatedUnion('k', [z.object({ k: z.literal('a'), x: personal(z.string()) }), z.object({ k: z.literal('b'), y: personal(z.string()) })]),
      answers: z.record(z.string(), personal(z.string())),
      pair: z.tuple([z.string(), personal(z.string())]),
      'odd key': personal(z.string()),
    });
    expect(personalDataPathsOf(schema).sort()).toEqual(["$['odd key']", '$.answers.*', '$.pair[1]', '$.u.x', '$.u.y'].sort());
  });

  it('terminates on recursive schemas', () => {
    type Node = { name: string; children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ name: personal(z.string()), children: z.array(node) }));
    expect(personalDataPathsOf(z.object({ root: node }))).toEqual(['$.root.name']);
  });

  it('returns nothing for a schema without marks', () => {
    expect(personalDataPathsOf(z.object({ a: z.string(), b: z.array(z.number()) }))).toEqual([]);
  });

  it('does not mark the schema it was given (meta returns a copy)', () => {
    const plain = z.string();
    personal(plain);
    expect(isPersonalData(plain)).toBe(false);
  });
});

describe('personalDataPaths of the onboarding events', () => {
  it.each([
    ['journey.employee.hired', 1, ['$.email', '$.fullName']],
    ['journey.employee.hired', 2, ['$.email', '$.familyName', '$.givenName']],
    ['journey.onboarding.welcome-message-sent', 1, ['$.message']],
    ['journey.onboarding.check-in-recorded', 1, ['$.notes']],
    ['journey.onboarding.plan-assigned', 1, []],
    ['journey.probation.outcome-recorded', 1, []],
  ] as const)('%s v%i -> %j', (type, version, paths) => {
    expect(personalDataPaths(type, version).sort()).toEqual([...paths]);
  });
});
