import { describe, expect, it } from 'vitest';
import { canSee, type RecognitionAudience } from './recognition-visibility.ts';

const base = { giverId: 'giver', recipientIds: ['r1', 'r2'], recipientManagerIds: ['boss'] };
const of = (visibility: RecognitionAudience['visibility']): RecognitionAudience => ({ ...base, visibility });

describe('canSee: who may see a recognition', () => {
  it.each([
    // viewer, public, recipients, recipients-and-managers
    ['giver', true, true, true],
    ['r1', true, true, true],
    ['r2', true, true, true],
    ['boss', true, false, true],
    ['colleague', true, false, false],
  ] as const)('%s: public %s, recipients %s, recipients and managers %s', (id, pub, recipients, managers) => {
    expect(canSee({ id }, of('public'))).toBe(pub);
    expect(canSee({ id }, of('recipients'))).toBe(recipients);
    expect(canSee({ id }, of('recipients-and-managers'))).toBe(managers);
  });
});
