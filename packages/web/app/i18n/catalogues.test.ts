import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { LOCALES, preferredLocale, translate } from './index.ts';
import { zhCN } from './zh-CN.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('English and zh-CN have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('every translation fills the same placeholders and none is left empty or untranslated', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
      expect(zhCN[key].trim(), key).not.toBe('');
    }
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((key) => zhCN[key] === en[key]);
    expect(same).toEqual(['dashboard.enps']);
  });

  it('has no message the pages never show (keys built from API values by their prefix)', () => {
    const app = fileURLToPath(new URL('..', import.meta.url));
    const pages = [app, join(app, 'pages')].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.tsx')).map((f) => readFileSync(join(dir, f), 'utf8'))).join('\n');
    const built = ['stage.', 'signin.persona.', 'recognition.visibility.', 'suggest.category.', 'segment.', 'dimension.'];
    for (const prefix of built) expect(pages, prefix).toContain(`\`${prefix}\${`);
    const unused = Object.keys(en).filter((key) => !pages.includes(`'${key}'`) && !built.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(translate('en', 'survey.step', { n: 2, total: 4 })).toBe('Question 2 of 4');
    expect(translate('zh-CN', 'survey.step', { n: 2, total: 4 })).toBe('第 2 题，共 4 题');
    expect(translate('en', 'survey.step', { n: 2 })).toBe('Question 2 of {total}');
  });

  it('prefers zh-CN for any Chinese browser language, English otherwise', () => {
    expect(preferredLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(preferredLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(Object.keys(LOCALES)).toEqual(['en', 'zh-CN']);
  });
});
