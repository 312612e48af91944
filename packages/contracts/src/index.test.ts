import { expect, it } from 'vitest';
import { placeholder } from './index.ts';
it('works', () => { expect(placeholder).toBe(1); });
