import { describe, expect, it } from 'vitest';
import { extensionNameOf, withExtensionKeywords } from './openapi-document.ts';

describe('withExtensionKeywords', () => {
  it('names an extension after the keyword in kebab case', () => {
    expect(extensionNameOf('personalData')).toBe('x-personal-data');
    expect(extensionNameOf('owner')).toBe('x-owner');
  });

  it('renames custom keywords at every depth and keeps standard ones, property names and values', () => {
    const schema = {
      type: 'object',
      personalData: false,
      properties: {
        // A property may be called like a custom keyword: it is a name, not a keyword.
        personalData: { type: 'string', personalData: true },
        tags: { type: 'array', items: { type: 'string', owner: 'hr' } },
        either: { anyOf: [{ type: 'string', personalData: true }, { type: 'null' }] },
        mode: { enum: ['personalData'], default: 'personalData', 'x-kept': 1 },
      },
      additionalProperties: { secret: true },
      required: ['personalData'],
    };
    expect(withExtensionKeywords(schema)).toEqual({
      type: 'object',
      'x-personal-data': false,
      properties: {
        personalData: { type: 'string', 'x-personal-data': true },
        tags: { type: 'array', items: { type: 'string', 'x-owner': 'hr' } },
        either: { anyOf: [{ type: 'string', 'x-personal-data': true }, { type: 'null' }] },
        mode: { enum: ['personalData'], default: 'personalData', 'x-kept': 1 },
      },
      additionalProperties: { 'x-secret': true },
      required: ['personalData'],
    });
  });
});
